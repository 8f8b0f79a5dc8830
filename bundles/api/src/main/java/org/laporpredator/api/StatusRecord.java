package org.laporpredator.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** What a reporter may see for a reference. */
public record StatusRecord(String reference, ReportStatus status, Instant updatedAt) {

    /** Reporters are told dates in Malaysian time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Kuala_Lumpur");

    /** The same record with the time of day left out: the start of its day in {@link #ZONE}. */
    public StatusRecord coarse() {
        return updatedAt == null ? this : new StatusRecord(reference, status, updatedOn().atStartOfDay(ZONE).toInstant());
    }

    /** The day of the last change, in {@link #ZONE}; null when unknown. */
    public LocalDate updatedOn() {
        return updatedAt == null ? null : LocalDate.ofInstant(updatedAt, ZONE);
    }
}
