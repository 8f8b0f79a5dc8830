package org.laporpredator.mail.partner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.OutboxEvent;

public class FactsTest {

    @Test
    public void aReportItsItemsAndNothingElse() throws Exception {
        Facts f = Facts.of(Fixtures.received(true));
        assertEquals(Events.REPORT_RECEIVED, f.type());
        assertFalse(f.itemEvent());
        assertEquals("12345678", f.reference());
        assertEquals(List.of("12345678"), f.references());
        assertEquals(Instant.parse("2026-03-01T02:00:00Z"), f.at());
        assertEquals("CSAM", f.category());
        assertNull(f.platformHint());
        assertEquals("ms", f.language());
        assertTrue(f.urgent());
        assertEquals(List.of(new Facts.Link("WEBSITE", "WEB_PAGE", "https://bad.example/a?q={x|y}", Map.of("host", "bad.example")),
                new Facts.Link("WHATSAPP", "PHONE_NUMBER", "https://wa.me/60123456789", Map.of("phone", "+60123456789"))), f.links());
        assertNull(f.itemId());
        assertNull(f.classification());
        assertNull(f.removed());
        assertFalse(Facts.of(Fixtures.received(false)).urgent());
        StringBuilder read = new StringBuilder();
        for (java.lang.reflect.RecordComponent c : Facts.class.getRecordComponents()) {
            if (!c.getName().equals("event")) {
                read.append(c.getAccessor().invoke(f)).append('\n');
            }
        }
        String all = read.toString();
        assertTrue(all, all.contains("https://wa.me/60123456789"));
        assertFalse("no contact", all.contains("reporter@example.org"));
        assertFalse("no description", all.contains("what the reporter wrote"));
    }

    @Test
    public void anItemEventNamesTheReportsOfItsLink() throws Exception {
        Facts f = Facts.of(Fixtures.classified("\"12345678\", \" 23456789 \", \"\", 5, null", "https://t.me/some_channel"));
        assertTrue(f.itemEvent());
        assertEquals("12345678", f.reference());
        assertEquals("blank and non-text references left out", List.of("12345678", "23456789"), f.references());
        assertEquals(Fixtures.AT, f.at());
        assertEquals(Long.valueOf(42), f.itemId());
        assertEquals("CSAM", f.classification());
        assertEquals(Boolean.FALSE, f.removed());
        assertNull(f.removedAt());
        assertEquals(List.of(new Facts.Link("TELEGRAM", "CHANNEL", "https://t.me/some_channel",
                Map.of("channel", "some_channel", "host", "t.me"))), f.links());
        assertFalse(f.urgent());
        assertNull(f.category());

        Facts removed = Facts.of(Fixtures.removed(true));
        assertEquals(Boolean.TRUE, removed.removed());
        assertEquals(Instant.parse("2026-03-02T00:59:00Z"), removed.removedAt());
        assertEquals(Instant.parse("2026-03-02T01:00:00Z"), removed.at());
        assertEquals(List.of("host", "registrableDomain"), List.copyOf(removed.links().get(0).identifiers().keySet()));
        assertEquals(Boolean.FALSE, Facts.of(Fixtures.removed(false)).removed());
    }

    @Test
    public void aStatusChange() throws Exception {
        Facts f = Facts.of(Fixtures.statusChanged());
        assertEquals("UNDER_REVIEW", f.fromStatus());
        assertEquals("REFERRED", f.toStatus());
        assertEquals(Instant.parse("2026-03-03T00:00:00Z"), f.at());
        assertEquals(List.of(), f.links());
        assertFalse(f.itemEvent());
    }

    @Test
    public void whatIsMissingOrOdd() throws Exception {
        Facts f = Facts.of(new OutboxEvent(6, Events.ITEM_CLASSIFIED, "k", """
                {"itemId": "7", "at": "yesterday", "identifiers": {"b": 1, "a": null, "c": {"x": 1}, "d": true}}""",
                Fixtures.AT));
        assertNull("no version: 1; an item id only as a number", f.itemId());
        assertEquals("event-6", f.label());
        assertEquals("an unreadable time: when the event was written", Fixtures.AT, f.at());
        Facts.Link l = f.links().get(0);
        assertEquals("UNKNOWN", l.platform());
        assertEquals("UNKNOWN", l.kind());
        assertNull(l.url());
        assertEquals("values only, sorted, as text", Map.of("b", "1", "d", "true"), l.identifiers());
        assertThrows(UnsupportedOperationException.class, () -> l.identifiers().put("x", "y"));
        assertNull(f.reference());
        assertEquals(List.of(), f.references());

        Instant before = Instant.now();
        Facts unwritten = Facts.of(new OutboxEvent(5, Events.REPORT_RECEIVED, null, "{\"version\": 1}", null));
        assertFalse(unwritten.at().isBefore(before));
        assertEquals(List.of(), unwritten.links());
    }

    @Test
    public void unreadableEvents() {
        assertEquals("payload is not JSON", unreadable(Events.ITEM_CLASSIFIED, "not json"));
        assertEquals("payload is not a JSON object", unreadable(Events.REPORT_RECEIVED, "[]"));
        assertEquals("payload is not a JSON object", unreadable(Events.REPORT_RECEIVED, null));
        assertEquals("payload version 2 of item.classified is not known here", unreadable(Events.ITEM_CLASSIFIED, "{\"version\": 2}"));
        assertEquals("event type item.exploded is not known here", unreadable("item.exploded", "{}"));
        assertEquals("event type null is not known here", unreadable(null, "{}"));
    }

    @Test
    public void labels() throws Exception {
        assertEquals("12345678", Facts.of(Fixtures.received(true)).label());
        assertEquals("an item no report names: its id", "item-42", Facts.of(Fixtures.classified("", null)).label());
        assertEquals("event-9", Facts.of(new OutboxEvent(9, Events.ITEM_REMOVED, "k", "{}", Fixtures.AT)).label());
        assertEquals("R---1", Facts.of(new OutboxEvent(5, Events.REPORT_RECEIVED, "k", "{\"reference\": \"R é/1\"}", Fixtures.AT)).label());
        String longRef = "r".repeat(80);
        assertEquals("r".repeat(64), Facts.of(new OutboxEvent(5, Events.REPORT_RECEIVED, "k",
                "{\"reference\": \"" + longRef + "\"}", Fixtures.AT)).label());
    }

    private static String unreadable(String type, String payload) {
        return assertThrows(Facts.Unreadable.class, () -> Facts.of(new OutboxEvent(1, type, "k", payload, Fixtures.AT)))
                .getMessage();
    }
}
