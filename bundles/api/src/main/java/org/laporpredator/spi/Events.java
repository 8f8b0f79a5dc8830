package org.laporpredator.spi;

/**
 * The outbox event types a {@link PartnerNotifier} receives ({@link OutboxEvent#type()}), and their JSON
 * payloads ({@link OutboxEvent#payload()}). None ever holds a reporter's contact, a description, an
 * analyst's note or an IP address.
 *
 * <p>Payloads are versioned by their {@code "version"} field (absent: version 1).
 * A version adds fields without raising the number; a field is only removed or changes meaning with a new
 * version, so a notifier reads the fields it knows and ignores the rest. Times are ISO-8601 instants in UTC.
 *
 * <p>Idempotency keys: {@code report-<reference>} for a new report; item and status events carry a key of
 * their own per decision ({@code item-<id>-<outbox id>}, {@code status-<reference>-<outbox id>}), so a
 * partner sees each decision once however often it is delivered.
 */
public final class Events {

    /**
     * A report was received. {@code {"version": 1, "reference", "category", "platformHint" (or null),
     * "language", "urgent", "createdAt", "items": [{"platform", "kind", "canonicalUrl", "identifiers":
     * {name: value}, "dedupKey"}]}}: each distinct item once, in the order reported; {@code urgent} is the
     * reporter's answer to "Is a child in danger right now?" (events stored before it existed have neither
     * {@code version} nor {@code urgent}: read as version 1, not urgent).
     */
    public static final String REPORT_RECEIVED = "report.received";

    /**
     * An analyst classified an item (again: a reclassification is a new event). {@code {"version": 1,
     * "itemId", "platform", "kind", "canonicalUrl", "identifiers", "dedupKey", "classification", "removed",
     * "removedAt" (or null), "references", "at"}}; {@code classification} is a name of
     * {@code org.laporpredator.api.cases.Classification}; {@code references} the reference numbers of every
     * report naming the item at the time (an item is classified once for all of them).
     */
    public static final String ITEM_CLASSIFIED = "item.classified";

    /**
     * A removal was recorded for an item ({@code "removed": true}) or a mistaken one undone
     * ({@code "removed": false}); the same fields as {@link #ITEM_CLASSIFIED}, {@code classification} null
     * when the item has none yet.
     */
    public static final String ITEM_REMOVED = "item.removed";

    /**
     * A report's status changed. {@code {"version": 1, "reference", "from", "to", "messageKey", "at"}}: the
     * statuses are names of {@code org.laporpredator.api.ReportStatus}, {@code messageKey} the key of the
     * {@code org.laporpredator.api.StatusMessage} the reporter now sees.
     */
    public static final String REPORT_STATUS_CHANGED = "report.status-changed";

    private Events() {
    }
}
