package org.laporpredator.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON-over-HTTP client for the tests. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Http(String base) {
        this.base = base;
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    Reply get(String path, String... headers) {
        return send(with(HttpRequest.newBuilder(URI.create(base + path)), headers).GET());
    }

    Reply post(String path, String contentType, String body, String... headers) {
        return send(with(HttpRequest.newBuilder(URI.create(base + path)), headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Adds headers given as name, value, name, value... */
    private static HttpRequest.Builder with(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    Reply postJson(String path, Object body) {
        try {
            return post(path, "application/json", JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until GET path answers 200. */
    void awaitOk(String path, Duration timeout) throws InterruptedException {
        awaitOk(path, timeout, 200);
    }

    /** Waits until GET path answers one of the given statuses. */
    void awaitOk(String path, Duration timeout, int... expected) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            try {
                Reply r = get(path);
                if (java.util.Arrays.stream(expected).anyMatch(e -> e == r.status())) {
                    return;
                }
                last = r.status() + " " + r.body();
            } catch (AssertionError e) {
                last = e.getMessage();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " not " + java.util.Arrays.toString(expected) + " within " + timeout + ": " + last);
    }
}
