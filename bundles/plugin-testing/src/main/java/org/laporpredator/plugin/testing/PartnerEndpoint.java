package org.laporpredator.plugin.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Assert;

/**
 * A partner's HTTP endpoint for notifier tests: a {@code com.sun.net.httpserver} server on {@code 127.0.0.1}
 * and a free port, which records every request and answers each with the response last set by
 * {@link #respond} (at first {@code 200} with an empty body). Close it after the test (try-with-resources
 * or {@code @After}).
 *
 * <pre>{@code
 * try (PartnerEndpoint partner = PartnerEndpoint.start()) {
 *     partner.respond(503, Map.of("Retry-After", "120"), "");
 *     ... notifier configured with partner.url() ... deliver(event) ...
 *     PartnerEndpoint.Request r = partner.await(1, Duration.ofSeconds(5)).get(0);
 *     assertEquals(event.idempotencyKey(), r.header("idempotency-key"));
 * }
 * }</pre>
 */
public final class PartnerEndpoint implements AutoCloseable {

    /**
     * One request as the endpoint received it.
     *
     * @param method  e.g. {@code POST}
     * @param path    the request target as sent: the path, and {@code ?query} when there is one
     * @param headers the request headers; their names in any case (the map ignores case)
     * @param body    the body read as UTF-8 ({@code ""} when there is none)
     */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        public Request {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return List.copyOf(all);
            }));
            headers = Collections.unmodifiableMap(copy);
        }

        /** The first value of a header, its name in any case, or null when it was not sent. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new ArrayList<>();
    private volatile Response response = new Response(200, Map.of(), new byte[0]);

    private PartnerEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A new endpoint, listening on 127.0.0.1 and a free port. */
    public static PartnerEndpoint start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port", e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "partner-endpoint-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        PartnerEndpoint endpoint = new PartnerEndpoint(server, executor);
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    /** The base URL, {@code http://127.0.0.1:<port>/}: any path under it is answered. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Answers the following requests with this status and no body. */
    public void respond(int status) {
        respond(status, Map.of(), "");
    }

    /** Answers the following requests with this status, these headers and this body (UTF-8; null: none). */
    public void respond(int status, Map<String, String> headers, String body) {
        if (status < 200 || status > 999) {
            throw new IllegalArgumentException("status " + status + ": the endpoint answers 200 to 999");
        }
        response = new Response(status, Map.copyOf(headers),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Every request received so far, in the order they came. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * Waits until at least {@code count} requests came and returns all received so far; fails the test when
     * they did not come within the timeout, saying how many did.
     */
    public List<Request> await(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    Assert.fail("expected " + count + " request(s) at " + url() + " within " + timeout + ", got "
                            + requests.size() + describe());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(requests, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    Assert.fail("interrupted while waiting for " + count + " request(s)");
                }
            }
            return List.copyOf(requests);
        }
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        for (Request r : requests) {
            b.append(b.length() == 0 ? ": " : ", ").append(r.method()).append(' ').append(r.path());
        }
        return b.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body);
            Response r = response;
            r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean noBody = r.body().length == 0 || r.status() == 204 || r.status() == 304
                    || "HEAD".equals(exchange.getRequestMethod());
            // Recorded before the answer goes out, so a test that got the answer finds the request.
            synchronized (requests) {
                requests.add(request);
                requests.notifyAll();
            }
            exchange.sendResponseHeaders(r.status(), noBody ? -1 : r.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(r.body());
                }
            }
        }
    }
}
