package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A signed-in console session over the admin API, as a script would use it. */
final class Admin {

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String csrf;

    Admin(int httpPort, String user, String password) throws IOException, InterruptedException {
        this.base = "http://localhost:" + httpPort;
        HttpResponse<String> login = send("POST", "/api/admin/session", Map.of("username", user, "password", password), null);
        assertEquals(login.body(), 200, login.statusCode());
        this.csrf = Http.JSON.readTree(login.body()).get("csrfToken").asText();
    }

    private HttpResponse<String> send(String method, String path, Object body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body)));
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send("GET", path, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        return Http.JSON.readTree(r.body());
    }

    JsonNode change(String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, path, body, csrf);
        assertEquals(r.body(), 200, r.statusCode());
        return Http.JSON.readTree(r.body());
    }

    /** Classifies the report's first item. @return the item's id */
    long classifyFirstItem(String reference, String classification) throws IOException, InterruptedException {
        long item = get("/api/admin/reports/" + reference).get("items").get(0).get("id").asLong();
        change("PUT", "/api/admin/items/" + item + "/classification", Map.of("classification", classification));
        return item;
    }
}
