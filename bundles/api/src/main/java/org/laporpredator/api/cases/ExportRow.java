package org.laporpredator.api.cases;

import java.time.Instant;
import java.util.Map;

/** One item of the export: never a contact, a description or a reporter's own words. */
public record ExportRow(long itemId, String platform, String kind, String canonicalUrl, Map<String, String> identifiers,
        Classification classification, Instant removedAt, Instant firstReportedAt, Instant lastReportedAt, int reportCount) {

    public ExportRow {
        identifiers = Map.copyOf(identifiers);
    }
}
