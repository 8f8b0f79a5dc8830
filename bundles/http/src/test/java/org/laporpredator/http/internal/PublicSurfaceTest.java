package org.laporpredator.http.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class PublicSurfaceTest {

    @Test
    public void cleanPathsPass() {
        for (String p : new String[] {"/", "/api/reports/12345674/status", "/static/app.css", "/status", "/a%20b",
            "/caf%C3%A9", "/api/h%ffealth", "/a-b_c~d"}) {
            assertTrue(p, PublicSurface.isCleanPath(p));
        }
    }

    @Test
    public void trickyPathsAreRefused() {
        for (String p : new String[] {"/api\\health", "/api%5chealth", "/api%5Chealth", "/api/%00", "/api%2fhealth",
            "/api%2Fhealth", "/api/health;jsessionid=1", "/%2e%2e/etc", "/a%2Eb", "/a%0d%0aSet-Cookie:x", "/a%7f",
            "/a%", "/a%4", "/a%zz", "/a%25", "/a b", "/caf\u00e9", "", "api", "/x%3bb"}) {
            assertFalse(p, PublicSurface.isCleanPath(p));
        }
    }

    @Test
    public void onlyKnownCharsetsPass() {
        assertTrue(PublicSurface.knownCharset("application/json"));
        assertTrue(PublicSurface.knownCharset("application/json; charset=utf-8"));
        assertTrue(PublicSurface.knownCharset("application/json;charset=\"UTF-8\""));
        assertTrue(PublicSurface.knownCharset("text/plain; charset=ISO-8859-1"));
        assertFalse(PublicSurface.knownCharset("application/json; charset=klingon"));
        assertFalse(PublicSurface.knownCharset("application/json; charset="));
        assertFalse(PublicSurface.knownCharset("application/json; charset=\"a b\""));
        assertFalse(PublicSurface.knownCharset("application/json; charset=@@"));
    }

    @Test
    public void allowedMethodsFollowPathTemplates() {
        assertTrue(AllowedMethods.matches("/api/reports/{reference}/status", "/api/reports/12345674/status"));
        assertFalse(AllowedMethods.matches("/api/reports/{reference}/status", "/api/reports/1/2/status"));
        assertTrue(AllowedMethods.matches("/api/items/{id: [0-9]+}", "/api/items/42"));
        assertFalse(AllowedMethods.matches("/api/items/{id: [0-9]+}", "/api/items/x"));
        assertTrue(AllowedMethods.matches("/api/stats", "/api/stats/"));
        assertFalse(AllowedMethods.matches("/api/stats", "/api/stats2"));
        assertEquals("/api/health", AllowedMethods.join("/", "/api/health"));
        assertEquals("/", AllowedMethods.join("/", "/"));
        assertEquals("/api/x", AllowedMethods.join(null, "api/x/"));
    }

    @Test
    public void refusalsAreJsonOrAPageThatQuotesNothingOfTheRequest() throws Exception {
        String json = new String(Refusal.json("invalid_path", Refusal.text("en", "invalid_path")), StandardCharsets.UTF_8);
        assertEquals("{\"error\":\"invalid_path\",\"message\":\"This address cannot be read. Please check it and try again.\"}", json);
        String page = new String(Refusal.page("ms", 404, Refusal.text("ms", "not_found")), StandardCharsets.UTF_8);
        assertTrue(page, page.contains("lang=\"ms\"") && page.contains("Tiada apa-apa di alamat ini."));
        assertEquals(Refusal.text("en", "bad_request"), Refusal.text("en", "no_such_code"));
        assertEquals(Refusal.text("ms", "not_found"), Refusal.text("zz", "not_found"));
        assertEquals("uri_too_long", Refusal.code(414));
        assertEquals("internal_error", Refusal.code(502));
        assertTrue(Refusal.isApi("/api/x") && Refusal.isApi("/api") && !Refusal.isApi("/apix") && !Refusal.isApi("/"));
        assertTrue(Refusal.isApi("/api\\health") && Refusal.isApi("/api;x") && Refusal.isApi("/api%2fx"));
    }

    @Test
    public void everyCodeHasATextInBothLanguages() {
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 408, 413, 414, 415, 429, 431, 500, 503}) {
            String code = Refusal.code(status);
            for (String lang : Refusal.LANGUAGES) {
                assertFalse(lang + " " + code, Refusal.text(lang, code).equals(Refusal.text(lang, "bad_request")) && status != 400);
            }
        }
        for (String code : new String[] {"invalid_host", "invalid_path", "title", "home"}) {
            assertFalse(Refusal.text("ms", code).equals(Refusal.text("en", code)));
        }
    }
}
