package org.laporpredator.example.notifier.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@code item.classified} and {@code item.removed} events as one JSON POST each:
 * <pre>{@code
 * {"schema": "lapor-example-rest/1", "event": "item.classified", "itemId": 42,
 *  "references": ["12345674"], "canonicalUrl": "https://line.me/ti/g/AbC", "platform": "LINE",
 *  "kind": "INVITE_LINK", "classification": "CSAM", "removed": false, "at": "2026-01-01T00:00:00Z"}
 * }</pre>
 * with {@code Authorization: Bearer <token>}, {@code Idempotency-Key} (the event's, the same on every attempt)
 * and {@code User-Agent: lapor-example-notifier-rest/<bundle version>}. Outcomes: 2xx delivered; 408, 429, 5xx,
 * 3xx (redirects are not followed), timeouts and connection errors retryable, with the partner's
 * {@code Retry-After}; any other 4xx not retryable. Safe from many threads; nothing here logs a payload.
 */
final class RestNotifier implements PartnerNotifier {

    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final String SCHEMA = "lapor-example-rest/1";

    private static final Logger LOG = LoggerFactory.getLogger(RestNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7E]{1,256}");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");

    private final RestSettings settings;
    private final String userAgent;
    private final HttpClient client;
    private final Clock clock;

    RestNotifier(RestSettings settings, String userAgent) {
        this(settings, userAgent, Clock.systemUTC());
    }

    RestNotifier(RestSettings settings, String userAgent, Clock clock) {
        this.settings = settings;
        this.userAgent = userAgent;
        this.clock = clock;
        this.client = settings.problem() != null ? null
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(settings.timeout())
                        .build();
    }

    RestSettings settings() {
        return settings;
    }

    @Override
    public String problem() {
        return settings.problem();
    }

    @Override
    public String deliver(OutboxEvent event) throws DeliveryFailed {
        if (settings.problem() != null) {
            throw new DeliveryFailed(settings.problem(), true, null);
        }
        String key = event.idempotencyKey();
        if (key == null || !HEADER_SAFE.matcher(key).matches()) {
            throw new DeliveryFailed("no usable idempotency key", false, null);
        }
        byte[] body = body(event);
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + settings.token())
                .header("Idempotency-Key", key)
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException e) {
            throw failed(event, "connect timeout", e);
        } catch (HttpTimeoutException e) {
            throw failed(event, "timeout", e);
        } catch (ConnectException e) {
            throw failed(event, "connection refused", e);
        } catch (IOException e) {
            throw failed(event, "connection error", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(event, "interrupted", e);
        }
        return outcome(event, response.statusCode(), response.headers().firstValue("Retry-After").orElse(null));
    }

    /** Null when delivered; else the failure, retryable or not. */
    private String outcome(OutboxEvent event, int status, String retryAfter) throws DeliveryFailed {
        if (status / 100 == 2) {
            LOG.debug("Event {} delivered to {}: HTTP {}", event.id(), RestNotifierComponent.PARTNER, status);
            return null;
        }
        boolean retryable = status == 408 || status == 429 || status / 100 == 5 || status / 100 == 3;
        String message = "HTTP " + status;
        LOG.info("Event {} not delivered to {}: {}{}", event.id(), RestNotifierComponent.PARTNER, message,
                retryable ? " (retryable)" : "");
        throw new DeliveryFailed(message, retryable, retryable ? retryAfter(retryAfter) : null, null);
    }

    private DeliveryFailed failed(OutboxEvent event, String reason, Exception cause) {
        LOG.info("Event {} not delivered to {}: {}", event.id(), RestNotifierComponent.PARTNER, reason);
        return new DeliveryFailed(reason, true, null);
    }

    /** The partner's JSON: only what the schema names, from the event's payload. */
    static byte[] body(OutboxEvent event) throws DeliveryFailed {
        if (!Events.ITEM_CLASSIFIED.equals(event.type()) && !Events.ITEM_REMOVED.equals(event.type())) {
            throw new DeliveryFailed("event type " + event.type() + " is not forwarded (see the routing cfg)", false,
                    null);
        }
        JsonNode p;
        try {
            p = JSON.readTree(event.payload());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new DeliveryFailed("payload is not JSON", false, null);
        }
        if (p == null || !p.isObject()) {
            throw new DeliveryFailed("payload is not JSON", false, null);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("schema", SCHEMA);
        out.put("event", event.type());
        out.set("itemId", p.path("itemId").isNumber() ? p.get("itemId") : out.nullNode());
        ArrayNode refs = out.putArray("references");
        for (JsonNode r : p.path("references")) {
            if (r.isTextual()) {
                refs.add(r.asText());
            }
        }
        out.put("canonicalUrl", text(p, "canonicalUrl"));
        out.put("platform", text(p, "platform"));
        out.put("kind", text(p, "kind"));
        out.put("classification", text(p, "classification"));
        out.put("removed", p.path("removed").asBoolean(false));
        String at = text(p, "at");
        out.put("at", at != null ? at : event.createdAt() == null ? null : event.createdAt().toString());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (SECONDS.matcher(v).matches()) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
