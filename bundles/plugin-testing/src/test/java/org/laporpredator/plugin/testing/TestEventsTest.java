package org.laporpredator.plugin.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.Test;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.OutboxEvent;

public class TestEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode payload(OutboxEvent e) throws Exception {
        return JSON.readTree(e.payload());
    }

    @Test
    public void reportReceivedHasTheDocumentedFieldsAndEachItemOnce() throws Exception {
        OutboxEvent e = TestEvents.reportReceived("12345674", "CSAM", "https://a.example/x", "https://b.example/",
                "https://a.example/x");
        assertEquals(Events.REPORT_RECEIVED, e.type());
        assertEquals("report-12345674", e.idempotencyKey());
        JsonNode p = payload(e);
        assertEquals(List.of("version", "reference", "category", "platformHint", "language", "urgent", "createdAt",
                "items"), names(p));
        assertEquals(1, p.get("version").asInt());
        assertEquals("12345674", p.get("reference").asText());
        assertEquals("CSAM", p.get("category").asText());
        assertTrue(p.get("platformHint").isNull());
        assertFalse(p.get("urgent").asBoolean());
        assertEquals(e.createdAt(), Instant.parse(p.get("createdAt").asText()));
        assertEquals(2, p.get("items").size());
        JsonNode item = p.get("items").get(0);
        assertEquals(List.of("platform", "kind", "canonicalUrl", "identifiers", "dedupKey"), names(item));
        assertEquals("WEBSITE", item.get("platform").asText());
        assertEquals("WEB_PAGE", item.get("kind").asText());
        assertEquals("https://a.example/x", item.get("canonicalUrl").asText());
        assertEquals("a.example", item.get("identifiers").get("host").asText());
        assertEquals("WEBSITE|WEB_PAGE|https://a.example/x", item.get("dedupKey").asText());
        assertEquals("https://b.example/", p.get("items").get(1).get("canonicalUrl").asText());
    }

    @Test
    public void itemClassifiedCarriesTheItemTheDecisionAndEveryReference() throws Exception {
        OutboxEvent e = TestEvents.itemClassified(42, "https://a.example/x", "CSAM", "12345674", "23456781");
        assertEquals(Events.ITEM_CLASSIFIED, e.type());
        assertEquals("item-42-" + e.id(), e.idempotencyKey());
        JsonNode p = payload(e);
        assertEquals(List.of("version", "itemId", "platform", "kind", "canonicalUrl", "identifiers", "dedupKey",
                "classification", "removed", "removedAt", "references", "at"), names(p));
        assertEquals(42, p.get("itemId").asLong());
        assertEquals("CSAM", p.get("classification").asText());
        assertFalse(p.get("removed").asBoolean());
        assertTrue(p.get("removedAt").isNull());
        assertEquals("23456781", p.get("references").get(1).asText());
        assertEquals(e.createdAt(), Instant.parse(p.get("at").asText()));
    }

    @Test
    public void itemRemovedSaysWhetherItWasRemovedOrUndone() throws Exception {
        OutboxEvent removed = TestEvents.itemRemoved(7, "https://a.example/x", true, "12345674");
        assertEquals(Events.ITEM_REMOVED, removed.type());
        assertEquals("item-7-" + removed.id(), removed.idempotencyKey());
        JsonNode p = payload(removed);
        assertTrue(p.get("removed").asBoolean());
        assertEquals(removed.createdAt(), Instant.parse(p.get("removedAt").asText()));
        assertTrue("none yet", p.get("classification").isNull());

        JsonNode undone = payload(TestEvents.itemRemoved(7, "https://a.example/x", "GROOMING", false, "12345674"));
        assertFalse(undone.get("removed").asBoolean());
        assertTrue(undone.get("removedAt").isNull());
        assertEquals("GROOMING", undone.get("classification").asText());
    }

    @Test
    public void statusChangedCarriesTheStatusesAndTheMessageKey() throws Exception {
        OutboxEvent e = TestEvents.statusChanged("12345674", "RECEIVED", "UNDER_REVIEW");
        assertEquals(Events.REPORT_STATUS_CHANGED, e.type());
        assertEquals("status-12345674-" + e.id(), e.idempotencyKey());
        JsonNode p = payload(e);
        assertEquals(List.of("version", "reference", "from", "to", "messageKey", "at"), names(p));
        assertEquals("RECEIVED", p.get("from").asText());
        assertEquals("UNDER_REVIEW", p.get("to").asText());
        assertEquals("under-review", p.get("messageKey").asText());
    }

    @Test
    public void idsIncreaseAndKeysDifferPerDecision() {
        OutboxEvent a = TestEvents.itemClassified(1, "https://a.example/", "CSAM");
        OutboxEvent b = TestEvents.statusChanged("12345674", "RECEIVED", "CLOSED");
        OutboxEvent c = TestEvents.itemClassified(1, "https://a.example/", "NOT_ILLEGAL");
        assertTrue(a.id() < b.id() && b.id() < c.id());
        assertFalse(a.idempotencyKey().equals(c.idempotencyKey()));
    }

    @Test
    public void payloadsHoldNoContactNoDescriptionNoNote() {
        for (OutboxEvent e : List.of(TestEvents.reportReceived("12345674", "GROOMING", "https://a.example/"),
                TestEvents.itemClassified(1, "https://a.example/", "CSAM"))) {
            for (String field : List.of("contact", "description", "note", "ip")) {
                assertFalse(e.payload(), e.payload().contains("\"" + field + "\""));
            }
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
