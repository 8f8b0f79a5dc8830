package org.laporpredator.notifier.webhook.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.laporpredator.notifier.webhook.WebhookSignature;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;

/**
 * Delivers one outbox event as a Standard Webhooks POST: body {@code {"type", "timestamp", "data"}},
 * headers {@code webhook-id} (the event's idempotency key, the same on every attempt),
 * {@code webhook-timestamp} (this attempt) and {@code webhook-signature}. One {@link HttpClient} per partner
 * configuration (two threads of its own, nothing per call), HTTP/1.1 with keep-alive, redirects never
 * followed; safe from many threads at once.
 *
 * <p>Outcomes ({@link #outcome}): 2xx delivered (the response's {@code reference} or {@code id}, else null);
 * retryable, with the partner's {@code Retry-After} when it sent one: 408, 429, 5xx, timeouts and connection
 * errors (passing), and 3xx, 401, 403, 404 (the endpoint's configuration: a moved URL, a wrong secret, which
 * an admin fixes while the records wait); not retryable: 410 and the other 4xx (this event will not do: the
 * dispatcher still tries it {@code maxRefusedAttempts} times before the record is dead).
 */
final class WebhookNotifier implements PartnerNotifier {

    static final String USER_AGENT = "LaporPredator-Webhook/1.0";
    /** The most of a response body read (a 2xx's JSON, or an error body drained). */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    static final int MAX_REFERENCE_CHARS = 256;
    static final int CLIENT_THREADS = 2;

    private static final JsonFactory JSON = new JsonFactory();
    /** What a header value may hold: visible ASCII. */
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7E]{1,256}");
    private static final HttpResponse.BodyHandler<byte[]> BODY = info -> info.statusCode() / 100 == 2
            ? new CappedBody(MAX_RESPONSE_BYTES, true)
            : new CappedBody(MAX_RESPONSE_BYTES, false);

    /** One daemon thread for every notifier's alarms (see {@link #send}). */
    private static final ScheduledExecutorService ALARMS = alarms();

    /** A report's description by its reference (empty: none); a runtime exception when it cannot be read now. */
    interface Descriptions {
        java.util.Optional<String> of(String reference);
    }

    private final WebhookSettings settings;
    private final HttpClient client;
    private final Clock clock;
    private final Descriptions descriptions;

    WebhookNotifier(WebhookSettings settings) {
        this(settings, Clock.systemUTC(), null);
    }

    WebhookNotifier(WebhookSettings settings, Descriptions descriptions) {
        this(settings, Clock.systemUTC(), descriptions);
    }

    /** {@code descriptions}: null unless the partner's configuration sends descriptions. */
    WebhookNotifier(WebhookSettings settings, Clock clock, Descriptions descriptions) {
        this.settings = settings;
        this.clock = clock;
        this.descriptions = descriptions;
        this.client = settings.problem() != null ? null
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(settings.timeout())
                        .executor(executor(settings.partner()))
                        .build();
    }

    /**
     * The client's own threads for its asynchronous steps: two, whatever the number of callers (the JDK's
     * default is an unbounded cached pool; two measured faster on 2 cores). They end after 30 s idle, so a
     * client left behind by a reconfiguration needs no shutdown and its last deliveries still finish.
     */
    private static ThreadPoolExecutor executor(String partner) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(CLIENT_THREADS, CLIENT_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lapor-" + partner + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setContextClassLoader(null);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ScheduledExecutorService alarms() {
        ScheduledThreadPoolExecutor alarms = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lapor-webhook-alarm");
            t.setDaemon(true);
            return t;
        });
        alarms.setRemoveOnCancelPolicy(true);
        alarms.setKeepAliveTime(30, TimeUnit.SECONDS);
        alarms.allowCoreThreadTimeOut(true);
        return alarms;
    }

    @Override
    public String problem() {
        return settings.problem();
    }

    @Override
    public String deliver(OutboxEvent event) throws DeliveryFailed {
        String problem = settings.problem();
        if (problem != null) {
            throw new DeliveryFailed(problem, true, null);
        }
        String id = event.idempotencyKey();
        if (id == null || !HEADER_SAFE.matcher(id).matches()) {
            throw new DeliveryFailed("no usable idempotency key", false, null);
        }
        byte[] body = body(withDescription(event), clock);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(WebhookSignature.ID_HEADER, id)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(settings.key(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = send(request);
        return outcome(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                response.body(), clock.instant());
    }

    /**
     * Sends on the caller's thread. {@link HttpClient#send} rather than {@code sendAsync}: an asynchronous call
     * completes its future on the default executor, which with one core's worth of parallelism (2 cores)
     * starts a new thread per response. The request timeout ends at the response headers; an alarm
     * interrupts the call when the body has not come by then either (send cancels the exchange).
     */
    private HttpResponse<byte[]> send(HttpRequest request) throws DeliveryFailed {
        Thread caller = Thread.currentThread();
        AtomicBoolean waiting = new AtomicBoolean(true);
        ScheduledFuture<?> alarm = ALARMS.schedule(() -> {
            if (waiting.compareAndSet(true, false)) {
                caller.interrupt();
            }
        }, settings.timeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        try {
            return client.send(request, BODY);
        } catch (InterruptedException e) {
            if (!waiting.get()) { // the alarm
                throw new DeliveryFailed("timeout", true, e);
            }
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted", true, e);
        } catch (IOException e) {
            throw failure(e);
        } finally {
            alarm.cancel(false);
            if (!waiting.compareAndSet(true, false)) {
                Thread.interrupted(); // the alarm's interrupt, if it came after the answer
            }
        }
    }

    /**
     * With descriptions allowed: a {@code report.received} payload with the report's description as
     * {@code "description"} (the partner's configuration chose to receive it; it may hold what the reporter
     * wrote about themselves). Never the contact.
     */
    OutboxEvent withDescription(OutboxEvent event) throws DeliveryFailed {
        if (descriptions == null || !"report.received".equals(event.type()) || event.payload() == null) {
            return event;
        }
        String payload = event.payload().strip();
        String reference = topLevelString(payload, "reference");
        if (reference == null || !payload.startsWith("{")) {
            return event;
        }
        java.util.Optional<String> d;
        try {
            d = descriptions.of(reference);
        } catch (RuntimeException e) {
            throw new DeliveryFailed("description not available", true, e);
        }
        if (d.isEmpty()) {
            return event;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeString(d.get());
        } catch (IOException e) {
            throw new DeliveryFailed("description not written", false, e);
        }
        String rest = payload.substring(1).strip();
        String with = "{\"description\":" + out.toString(java.nio.charset.StandardCharsets.UTF_8)
                + (rest.startsWith("}") ? "" : ",") + rest;
        return new OutboxEvent(event.id(), event.type(), event.idempotencyKey(), with, event.createdAt());
    }

    private static String topLevelString(String json, String field) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals(field) && v == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** {@code {"type", "timestamp", "data"}}: the payload as it is, checked to be one JSON value. */
    static byte[] body(OutboxEvent event, Clock clock) throws DeliveryFailed {
        String payload = event.payload();
        if (payload != null && !isJson(payload)) {
            throw new DeliveryFailed("payload is not JSON", false, null);
        }
        Instant at = event.createdAt() != null ? event.createdAt() : clock.instant();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (payload == null ? 4 : payload.length() + 16));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", event.type());
            g.writeStringField("timestamp", at.toString());
            g.writeFieldName("data");
            if (payload == null) {
                g.writeNull();
            } else {
                g.writeRawValue(payload);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new DeliveryFailed("payload is not JSON", false, e);
        }
        return out.toByteArray();
    }

    private static boolean isJson(String payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** What a response means; see the class comment. */
    static String outcome(int status, String retryAfter, byte[] body, Instant now) throws DeliveryFailed {
        if (status / 100 == 2) {
            return reference(body);
        }
        if (status == 410) {
            throw new DeliveryFailed("HTTP 410 gone", false, retryAfter(retryAfter, now), null);
        }
        throw new DeliveryFailed("HTTP " + status, retryable(status), retryAfter(retryAfter, now), null);
    }

    /** Whether another attempt may go through: see the class comment. */
    static boolean retryable(int status) {
        if (status / 100 != 4) {
            return status != 410; // 1xx, 3xx, 5xx and anything odd
        }
        switch (status) {
            case 401: // wrong secret
            case 403:
            case 404: // wrong URL
            case 408: // request timeout
            case 425: // too early
            case 429: // too many requests
                return true;
            default:
                return false;
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The partner's reference: a top-level {@code reference}, else {@code id}, string or number. */
    static String reference(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String reference = null;
        String id = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT
                        || value == JsonToken.VALUE_NUMBER_FLOAT) {
                    if (field.equals("reference")) {
                        reference = p.getText();
                    } else if (field.equals("id")) {
                        id = p.getText();
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // keep what was read before the error
        }
        String found = usable(reference) ? reference : usable(id) ? id : null;
        return found == null ? null : found.strip();
    }

    private static boolean usable(String s) {
        return s != null && !s.isBlank() && s.length() <= MAX_REFERENCE_CHARS;
    }

    /** A short reason, never a response body or a secret. */
    static DeliveryFailed failure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return new DeliveryFailed("connect timeout", true, t);
            }
            if (c instanceof HttpTimeoutException) {
                return new DeliveryFailed("timeout", true, t);
            }
            if (c instanceof ConnectException) {
                return new DeliveryFailed("connection refused", true, t);
            }
            if (c instanceof NoRouteToHostException) {
                return new DeliveryFailed("no route to host", true, t);
            }
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return new DeliveryFailed("unknown host", true, t);
            }
            if (c instanceof SSLException) {
                return new DeliveryFailed("TLS failure", true, t);
            }
        }
        return new DeliveryFailed(t instanceof IOException ? "connection error" : "delivery error", true, t);
    }
}
