package org.laporpredator.channel.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.Test;
import org.laporpredator.api.ItemSource;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReportStatus;

public class JsonTest {

    @Test
    public void receiptHasTheReferenceStatusAndEachItem() throws Exception {
        Receipt receipt = new Receipt("12345674", ReportStatus.RECEIVED, List.of(
                new ReceiptItem("hxxp://a[.]example/\"x\"", "WEBSITE", "WEB_PAGE", "http://a.example/%22x%22"),
                new ReceiptItem("+60123456789", "WHATSAPP", "PHONE_NUMBER", "https://wa.me/60123456789", ItemSource.CHAT,
                        LocalDateTime.of(2024, 3, 1, 21, 41))));
        JsonNode json = Json.MAPPER.readTree(Json.receipt(receipt));
        assertEquals("12345674", json.get("reference").asText());
        assertEquals("RECEIVED", json.get("status").asText());
        assertEquals(2, json.get("items").size());
        JsonNode typed = json.get("items").get(0);
        assertEquals("hxxp://a[.]example/\"x\"", typed.get("input").asText());
        assertEquals("WEBSITE", typed.get("platform").asText());
        assertEquals("WEB_PAGE", typed.get("kind").asText());
        assertEquals("http://a.example/%22x%22", typed.get("canonicalUrl").asText());
        assertEquals("URLS", typed.get("source").asText());
        assertFalse(typed.has("seenAt"));
        JsonNode found = json.get("items").get(1);
        assertEquals("CHAT", found.get("source").asText());
        assertEquals("2024-03-01T21:41", found.get("seenAt").asText());
    }

    @Test
    public void aReceiptWithoutStatusSaysNull() throws Exception {
        JsonNode json = Json.MAPPER.readTree(Json.receipt(new Receipt("12345674", null, List.of())));
        assertTrue(json.get("status").isNull());
        assertEquals(0, json.get("items").size());
    }
}
