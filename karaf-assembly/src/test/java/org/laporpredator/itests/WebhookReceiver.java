package org.laporpredator.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's webhook endpoint on loopback, as a partner would write one from the Standard Webhooks
 * specification (not from our code): it checks each request's signature over id.timestamp.body with
 * HMAC-SHA256, refuses a bad one with 401, and processes each webhook-id once however often it comes.
 */
final class WebhookReceiver implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else each answer waits for Nagle's ~40 ms
    }

    /** One event as processed: its type and data. */
    record Received(String id, String type, JsonNode data) {
    }

    final int port;
    final String secret;
    private final byte[] key;
    private HttpServer server;
    /** What the receiver answers while not "up": e.g. 503. 0: up. */
    volatile int failWith;
    /** Milliseconds each request is held before it is answered. */
    volatile long holdMillis;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger badSignatures = new AtomicInteger();
    final Map<String, Received> processed = new ConcurrentHashMap<>();
    final List<String> deliveries = new CopyOnWriteArrayList<>();

    WebhookReceiver(int port) {
        this.port = port;
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        this.key = k;
        this.secret = "whsec_" + Base64.getEncoder().encodeToString(k);
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/hook", this::handle);
        server.start();
    }

    /** Down: connections are refused. */
    void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    private void handle(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        byte[] body = x.getRequestBody().readAllBytes();
        try {
            if (holdMillis > 0) {
                Thread.sleep(holdMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failWith != 0) {
            answer(x, failWith, "{}");
            return;
        }
        String id = x.getRequestHeaders().getFirst("webhook-id");
        String ts = x.getRequestHeaders().getFirst("webhook-timestamp");
        String sigs = x.getRequestHeaders().getFirst("webhook-signature");
        if (id == null || ts == null || sigs == null || !valid(id, ts, body, sigs)
                || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(ts)) > 300) {
            badSignatures.incrementAndGet();
            answer(x, 401, "{}");
            return;
        }
        deliveries.add(id);
        JsonNode event = Http.JSON.readTree(body);
        processed.putIfAbsent(id, new Received(id, event.path("type").asText(), event.path("data")));
        answer(x, 200, "{\"reference\":\"NGO-" + id.hashCode() + "\"}");
    }

    private boolean valid(String id, String ts, byte[] body, String signatures) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String s : signatures.split(" ")) {
                if (s.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(s.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    /** Events processed of a type. */
    List<Received> of(String type) {
        return processed.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    @Override
    public void close() {
        stop();
    }
}
