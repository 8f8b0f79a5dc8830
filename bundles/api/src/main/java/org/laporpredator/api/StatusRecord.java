package org.laporpredator.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What a reporter may see for a reference.
 *
 * @param message the message chosen with the status; null: the status's default
 */
public record StatusRecord(String reference, ReportStatus status, Instant updatedAt, StatusMessage message) {

    /** Reporters are told dates in Malaysian time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Kuala_Lumpur");

    public StatusRecord {
        if (message != null && message.status() != status) {
            message = null; // a message left from an earlier status is not shown
        }
    }

    /** A record showing the status's default message. */
    public StatusRecord(String reference, ReportStatus status, Instant updatedAt) {
        this(reference, status, updatedAt, null);
    }

    /** The message shown, in a language ({@code ms} or {@code en}). */
    public String text(String language) {
        return (message != null ? message : StatusMessage.defaultFor(status)).text(language);
    }

    /** The same record with the time of day left out: the start of its day in {@link #ZONE}. */
    public StatusRecord coarse() {
        return updatedAt == null ? this
                : new StatusRecord(reference, status, updatedOn().atStartOfDay(ZONE).toInstant(), message);
    }

    /** The day of the last change, in {@link #ZONE}; null when unknown. */
    public LocalDate updatedOn() {
        return updatedAt == null ? null : LocalDate.ofInstant(updatedAt, ZONE);
    }
}
