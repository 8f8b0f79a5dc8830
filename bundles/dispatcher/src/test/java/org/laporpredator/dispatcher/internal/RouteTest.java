package org.laporpredator.dispatcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Hashtable;
import java.util.Set;
import org.junit.Test;
import org.laporpredator.spi.Events;

public class RouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static final String CSAM = "{\"itemId\":7,\"platform\":\"TELEGRAM\",\"classification\":\"CSAM\"}";
    private static final String GROOMING = "{\"itemId\":8,\"platform\":\"FACEBOOK\",\"classification\":\"GROOMING\"}";
    private static final String NOT_ILLEGAL = "{\"itemId\":9,\"platform\":\"X\",\"classification\":\"NOT_ILLEGAL\"}";
    private static final String URGENT = "{\"version\":1,\"reference\":\"12345674\",\"category\":\"SEXTORTION\",\"urgent\":true,"
            + "\"items\":[{\"platform\":\"WHATSAPP\"}]}";
    private static final String CALM = "{\"version\":1,\"reference\":\"12345682\",\"category\":\"CSAM\",\"urgent\":false,"
            + "\"items\":[{\"platform\":\"TELEGRAM\"}]}";
    private static final String OLD = "{\"reference\":\"12345690\",\"category\":\"CSAM\",\"items\":[]}"; // before "urgent"

    @Test
    public void cybersecurityMalaysiaTakesCsamClassificationsAndRemovalsByDefault() throws Exception {
        Route r = Route.defaults("cybersecurity-my");
        assertTrue(r.wants(Events.ITEM_CLASSIFIED, json(CSAM)));
        assertTrue(r.wants(Events.ITEM_CLASSIFIED, json(CSAM.replace("\"CSAM\"", "\"CSAM_NATIONAL\""))));
        assertTrue(r.wants(Events.ITEM_REMOVED, json(CSAM)));
        assertFalse(r.wants(Events.ITEM_CLASSIFIED, json(GROOMING)));
        assertFalse(r.wants(Events.ITEM_REMOVED, json("{\"itemId\":7,\"classification\":null}")));
        assertFalse(r.wants(Events.REPORT_RECEIVED, json(URGENT)));
        assertFalse(r.wants(Events.REPORT_STATUS_CHANGED, json("{}")));
        assertTrue(r.authority());
    }

    @Test
    public void thePoliceTakeClassifiedItemsAndUrgentReportsOnReceipt() throws Exception {
        Route r = Route.defaults("pdrm");
        assertTrue(r.wants(Events.REPORT_RECEIVED, json(URGENT)));
        assertFalse(r.wants(Events.REPORT_RECEIVED, json(CALM)));
        assertFalse("an event from before urgent existed is not urgent", r.wants(Events.REPORT_RECEIVED, json(OLD)));
        assertTrue(r.wants(Events.ITEM_CLASSIFIED, json(CSAM)));
        assertTrue(r.wants(Events.ITEM_CLASSIFIED, json(GROOMING)));
        assertFalse(r.wants(Events.ITEM_CLASSIFIED, json(NOT_ILLEGAL)));
        assertFalse(r.wants(Events.ITEM_REMOVED, json(CSAM)));
        assertTrue(r.authority());
    }

    @Test
    public void theReportersTakeOnlyStatusChangesAndAreNoAuthority() throws Exception {
        Route r = Route.defaults("reporters");
        assertTrue(r.wants(Events.REPORT_STATUS_CHANGED, json("{}")));
        assertFalse(r.wants(Events.REPORT_RECEIVED, json(URGENT)));
        assertFalse(r.wants(Events.ITEM_CLASSIFIED, json(CSAM)));
        assertFalse(r.wants(Events.ITEM_REMOVED, json(CSAM)));
        assertFalse(r.authority());
    }

    @Test
    public void aWebhookWithoutSettingsTakesEveryEventAndIsNoAuthority() throws Exception {
        Route r = Route.of("webhook-mcmc", new Hashtable<>(java.util.Map.of("url", "https://x.example/hook")));
        for (String type : Route.ALL_EVENTS) {
            assertTrue(type, r.wants(type, json(type.startsWith("item") ? NOT_ILLEGAL : CALM)));
        }
        assertFalse(r.wants("report.unknown", json("{}")));
        assertFalse(r.authority());
    }

    @Test
    public void settingsOverrideTheDefaultsKeyByKey() throws Exception {
        Hashtable<String, Object> c = new Hashtable<>();
        c.put("events", "report.received, item.classified");
        c.put("platforms", "TELEGRAM");
        c.put("categories", "CSAM");
        Route r = Route.of("webhook-telegram-ts", c);
        assertEquals(Set.of(Events.REPORT_RECEIVED, Events.ITEM_CLASSIFIED), r.events());
        assertTrue(r.wants(Events.REPORT_RECEIVED, json(CALM)));
        assertFalse("category", r.wants(Events.REPORT_RECEIVED, json(URGENT)));
        assertTrue(r.wants(Events.ITEM_CLASSIFIED, json(CSAM)));
        assertFalse("platform", r.wants(Events.ITEM_CLASSIFIED, json(GROOMING)));
        assertFalse(r.wants(Events.ITEM_REMOVED, json(CSAM)));

        Hashtable<String, Object> police = new Hashtable<>();
        police.put("classifications", "");   // present and empty: any
        police.put("authority", "false");
        Route p = Route.of("pdrm", police);
        assertTrue(p.wants(Events.ITEM_CLASSIFIED, json(NOT_ILLEGAL)));
        assertFalse(p.authority());
        assertFalse("the other defaults stay", p.wants(Events.REPORT_RECEIVED, json(CALM)));
    }
}
