package org.laporpredator.api;

import java.time.Instant;

/** What a reporter may see for a reference. */
public record StatusRecord(String reference, ReportStatus status, Instant updatedAt) {
}
