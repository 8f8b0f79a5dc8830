package org.laporpredator.mail.partner;

import java.time.Instant;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.OutboxEvent;

/**
 * Outbox events as the store writes them (the shapes documented in {@link Events}); a report's carries a contact
 * and a description, which no mail may hold. Shared with the notifiers' tests through this bundle's test-jar.
 */
public final class Fixtures {

    public static final Instant AT = Instant.parse("2026-03-01T06:22:05.123Z");

    private Fixtures() {
    }

    public static OutboxEvent classified(String references, String url) {
        return new OutboxEvent(77, Events.ITEM_CLASSIFIED, "item-42-77", """
                {"version": 1, "itemId": 42, "platform": "TELEGRAM", "kind": "CHANNEL", "canonicalUrl": %s,
                 "identifiers": {"channel": "some_channel", "host": "t.me"}, "dedupKey": "TELEGRAM|CHANNEL|some_channel",
                 "classification": "CSAM", "removed": false, "removedAt": null, "references": [%s],
                 "at": "2026-03-01T06:22:05.123Z"}""".formatted(quote(url), references), AT);
    }

    public static OutboxEvent removed(boolean removed) {
        return new OutboxEvent(78, Events.ITEM_REMOVED, "item-42-78", """
                {"version": 1, "itemId": 42, "platform": "WEBSITE", "kind": "WEB_PAGE",
                 "canonicalUrl": "https://bad.example/gallery/1",
                 "identifiers": {"host": "bad.example", "registrableDomain": "bad.example"}, "dedupKey": "x",
                 "classification": "CSAM_NATIONAL", "removed": %s, "removedAt": %s, "references": ["12345678"],
                 "at": "2026-03-02T01:00:00Z"}""".formatted(removed, removed ? "\"2026-03-02T00:59:00Z\"" : "null"), AT);
    }

    public static OutboxEvent received(boolean urgent) {
        return new OutboxEvent(79, Events.REPORT_RECEIVED, "report-12345678", """
                {"version": 1, "reference": "12345678", "category": "CSAM", "platformHint": null, "language": "ms",
                 "urgent": %s, "createdAt": "2026-03-01T02:00:00Z", "contact": "reporter@example.org",
                 "description": "what the reporter wrote",
                 "items": [
                   {"platform": "WEBSITE", "kind": "WEB_PAGE", "canonicalUrl": "https://bad.example/a?q={x|y}",
                    "identifiers": {"host": "bad.example"}, "dedupKey": "a"},
                   {"platform": "WHATSAPP", "kind": "PHONE_NUMBER", "canonicalUrl": "https://wa.me/60123456789",
                    "identifiers": {"phone": "+60123456789"}, "dedupKey": "b"}]}""".formatted(urgent), AT);
    }

    public static OutboxEvent statusChanged() {
        return new OutboxEvent(80, Events.REPORT_STATUS_CHANGED, "status-12345678-80", """
                {"version": 1, "reference": "12345678", "from": "UNDER_REVIEW", "to": "REFERRED",
                 "messageKey": "referred", "at": "2026-03-03T00:00:00Z"}""", AT);
    }

    public static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
