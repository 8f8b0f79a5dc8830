package org.laporpredator.notifier.cybersecuritymy.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.Test;
import org.laporpredator.mail.partner.Facts;
import org.laporpredator.mail.partner.Fixtures;
import org.laporpredator.spi.OutboxEvent;

public class StixTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The TLP:RED object as oasis-open/cti-stix-common-objects publishes it (tlp-2.0). */
    private static final String PUBLISHED_TLP_RED = """
            { "type": "marking-definition", "spec_version": "2.1",
              "id": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
              "created": "2022-10-01T00:00:00.000Z", "name": "TLP:RED",
              "extensions": { "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
                  "extension_type": "property-extension", "tlp_2_0": "red" } } }""";

    @Test
    public void urlIdsAreTheStixDeterministicOnes() {
        // the same ids as the Python stix2 library and other implementations give
        assertEquals("url--47c3cf9a-5027-5bf0-997a-017c7edc7c55", Stix.urlId("https://example.com/research/index.html"));
        assertEquals("url--ae8ac58b-8274-5e88-b161-45e9b25c4748", Stix.urlId("ftp://example.com"));
    }

    @Test
    public void uuid5MatchesRfc9562() {
        // RFC 9562 appendix A.4: DNS namespace, www.example.com
        assertEquals(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
                Uuid5.of(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
    }

    @Test
    public void patternsEscapeQuotesAndBackslashes() {
        assertEquals("[url:value = 'https://x.example/it\\'s']", Stix.pattern("https://x.example/it's"));
        assertEquals("[url:value = 'https://x.example/a\\\\b']", Stix.pattern("https://x.example/a\\b"));
        assertEquals("\"a\\\"b\\\\c\\u001f\\n\"", Stix.jcsString("a\"b\\c\u001f\n"));
    }

    @Test
    public void urlValuesAreRfc3986() {
        assertEquals("https://bad.example/a?q=%7Bx%7Cy%7D%5E%60", Rfc3986.encode("https://bad.example/a?q={x|y}^`"));
        assertEquals("https://bad.example/%C3%A9t%C3%A9%20x%2Fy", Rfc3986.encode("https://bad.example/été x%2Fy"));
        assertEquals("http://[::1]:8080/%5B%5D", Rfc3986.encode("http://[::1]:8080/[]"));
        assertEquals("https://x.example/100%25", Rfc3986.encode("https://x.example/100%"));
    }

    @Test
    public void everyBundleIsValidStix21() throws Exception {
        List<OutboxEvent> events = List.of(Fixtures.classified("\"12345678\", \"23456789\"", "https://t.me/some_channel"),
                Fixtures.classified("", "https://t.me/it's\\odd"), Fixtures.removed(true), Fixtures.removed(false),
                Fixtures.received(true), Fixtures.received(false));
        for (OutboxEvent e : events) {
            JsonNode bundle = JSON.readTree(Stix.bundle(Facts.of(e)));
            assertEquals(e.type() + ": " + bundle.toPrettyString(), List.of(), StixSchema.errors(bundle));
            checkReferencesAndMarkings(bundle);
        }
    }

    @Test
    public void theSchemaCatchesAnInvalidBundle() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(Stix.bundle(Facts.of(Fixtures.removed(true))));
        for (JsonNode o : bundle.get("objects")) {
            if (o.get("type").asText().equals("indicator")) {
                ((ObjectNode) o).remove("pattern");
            }
        }
        assertFalse(StixSchema.errors(bundle).isEmpty());
        ObjectNode other = (ObjectNode) JSON.readTree(Stix.bundle(Facts.of(Fixtures.removed(true))));
        ((ObjectNode) other.get("objects").get(2)).put("value", "not a uri at all");
        assertFalse("format uri asserted", StixSchema.errors(other).isEmpty());
    }

    @Test
    public void theMarkingIsThePublishedTlpRed() throws Exception {
        assertEquals(JSON.readTree(PUBLISHED_TLP_RED), Stix.tlpRed());
        JsonNode bundle = JSON.readTree(Stix.bundle(Facts.of(Fixtures.removed(true))));
        assertEquals(JSON.readTree(PUBLISHED_TLP_RED), bundle.get("objects").get(0));
    }

    @Test
    public void aBundleHasLinksReportAndIsTheSameOnEveryAttempt() throws Exception {
        OutboxEvent e = Fixtures.classified("\"12345678\"", "https://t.me/it's");
        byte[] first = Stix.bundle(Facts.of(e));
        assertArrayEquals("a retry sends the same bundle", first, Stix.bundle(Facts.of(e)));
        JsonNode bundle = JSON.readTree(first);
        JsonNode url = find(bundle, "url");
        assertEquals("https://t.me/it's", url.get("value").asText());
        assertEquals(Stix.urlId("https://t.me/it's"), url.get("id").asText());
        JsonNode indicator = find(bundle, "indicator");
        assertEquals("[url:value = 'https://t.me/it\\'s']", indicator.get("pattern").asText());
        assertEquals("stix", indicator.get("pattern_type").asText());
        assertEquals("2026-03-01T06:22:05.123Z", indicator.get("valid_from").asText());
        JsonNode report = find(bundle, "report");
        assertEquals("2026-03-01T06:22:05.123Z", report.get("published").asText());
        assertTrue(report.get("name").asText(), report.get("name").asText().startsWith("Lapor Predator 12345678"));
        assertEquals(Set.of(indicator.get("id").asText(), url.get("id").asText()), ids(report.get("object_refs")));
        assertEquals("12345678", report.get("external_references").get(0).get("external_id").asText());
    }

    @Test
    public void onlyWhatThePayloadMayCarry() throws Exception {
        String bundle = new String(Stix.bundle(Facts.of(Fixtures.received(true))), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(bundle.contains("reporter@example.org"));
        assertFalse(bundle.contains("what the reporter wrote"));
        assertTrue(bundle.contains("https://wa.me/60123456789"));
    }

    private static void checkReferencesAndMarkings(JsonNode bundle) {
        Set<String> ids = new HashSet<>();
        for (JsonNode o : bundle.get("objects")) {
            assertTrue("ids unique", ids.add(o.get("id").asText()));
        }
        for (JsonNode o : bundle.get("objects")) {
            if (o.get("type").asText().equals("marking-definition")) {
                continue;
            }
            assertEquals(o.get("id").asText(), Set.of(Stix.TLP_RED), ids(o.get("object_marking_refs")));
            if (o.has("created_by_ref")) {
                assertTrue(ids.contains(o.get("created_by_ref").asText()));
            }
            if (o.has("object_refs")) {
                assertTrue(ids.containsAll(ids(o.get("object_refs"))));
            }
        }
    }

    private static JsonNode find(JsonNode bundle, String type) {
        for (JsonNode o : bundle.get("objects")) {
            if (o.get("type").asText().equals(type)) {
                return o;
            }
        }
        throw new AssertionError("no " + type);
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
