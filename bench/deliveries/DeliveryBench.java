import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The delivery benchmark's two helpers, compiled and run by bench/deliveries/run.sh (plain JDK, no Maven):
 *
 * <ul>
 * <li>{@code receive <port> <whsec_secret>}: a partner's webhook endpoint on loopback, written from the Standard
 * Webhooks specification (not from our code): POST /hook checks the signature (HMAC-SHA256 over
 * {@code id.timestamp.body} with the decoded secret, any of the space-separated {@code v1,} signatures,
 * constant-time comparison, timestamp within 5 minutes), answers 401 to a bad one and 200 otherwise, and counts
 * distinct webhook-ids and duplicates; POST /warmup does the same for the warm-up partner, counted apart.
 * GET /stats answers {@code requests distinct duplicates bad window_first_ms last_new_ms warmup_distinct} of
 * /hook (wall-clock ms; the window starts at the last POST /mark); POST /mark starts a window. Needs
 * {@code -Dsun.net.httpserver.nodelay=true}.</li>
 * <li>{@code seed <base-url> <count> <threads> <tag>}: submits exactly {@code count} reports (POST /api/reports,
 * a link no other report uses) from {@code threads} threads, each acknowledged with 201 (a failed one is tried
 * again, up to 5 times); prints {@code ok errors seconds}.</li>
 * </ul>
 */
public final class DeliveryBench {

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "receive" -> receive(Integer.parseInt(args[1]), args[2]);
            case "seed" -> seed(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
            default -> {
                System.err.println("usage: DeliveryBench receive <port> <secret> | seed <base-url> <count> <threads> <tag>");
                System.exit(2);
            }
        }
    }

    // ---- the receiver

    private static final long TOLERANCE_SECONDS = 300;

    private static void receive(int port, String secret) throws IOException {
        if (!"true".equals(System.getProperty("sun.net.httpserver.nodelay"))) {
            System.err.println("warning: without -Dsun.net.httpserver.nodelay=true each answer waits ~40 ms (Nagle, delayed ACK)");
        }
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("secret must be whsec_<base64>");
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                return m;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Endpoint hook = new Endpoint();
        Endpoint warmup = new Endpoint();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newFixedThreadPool(Integer.getInteger("threads", 32)));
        server.createContext("/hook", x -> hook.handle(x, macs.get()));
        server.createContext("/warmup", x -> warmup.handle(x, macs.get()));
        server.createContext("/stats", x -> {
            try {
                x.getRequestBody().readAllBytes();
                answer(x, 200, hook.stats() + " " + warmup.distinct.get() + "\n");
            } finally {
                x.close();
            }
        });
        server.createContext("/mark", x -> {
            try {
                x.getRequestBody().readAllBytes();
                hook.windowFirst.set(0);
                answer(x, 200, "ok\n");
            } finally {
                x.close();
            }
        });
        server.start();
        System.out.println("receiver on http://127.0.0.1:" + port + "/hook (and /warmup)");
    }

    /** One partner's endpoint and what it saw. */
    private static final class Endpoint {
        final Set<String> seen = ConcurrentHashMap.newKeySet(1 << 20);
        final LongAdder requests = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder bad = new LongAdder();
        final AtomicInteger distinct = new AtomicInteger();
        /** Wall-clock ms of the first new id since the last mark, and of the latest new id. */
        final AtomicLong windowFirst = new AtomicLong();
        final AtomicLong lastNew = new AtomicLong();

        void handle(HttpExchange x, Mac mac) throws IOException {
            try {
                requests.increment();
                byte[] body = x.getRequestBody().readAllBytes();
                if (!"POST".equals(x.getRequestMethod())) {
                    answer(x, 405, "");
                    return;
                }
                String id = x.getRequestHeaders().getFirst("webhook-id");
                String timestamp = x.getRequestHeaders().getFirst("webhook-timestamp");
                String signatures = x.getRequestHeaders().getFirst("webhook-signature");
                if (!verified(mac, id, timestamp, signatures, body)) {
                    bad.increment();
                    answer(x, 401, "{\"error\":\"bad signature\"}");
                    return;
                }
                if (seen.add(id)) {
                    long now = System.currentTimeMillis();
                    windowFirst.compareAndSet(0, now);
                    lastNew.accumulateAndGet(now, Math::max);
                    distinct.incrementAndGet();
                } else {
                    duplicates.increment();
                }
                answer(x, 200, "{}");
            } finally {
                x.close();
            }
        }

        /** requests distinct duplicates bad window_first_ms last_new_ms */
        String stats() {
            return requests.sum() + " " + distinct.get() + " " + duplicates.sum() + " " + bad.sum() + " " + windowFirst.get()
                    + " " + lastNew.get();
        }
    }

    /** The Standard Webhooks check, from the specification: v1 = base64(HMAC-SHA256(key, id.timestamp.body)). */
    private static boolean verified(Mac mac, String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - ts) > TOLERANCE_SECONDS) {
            return false;
        }
        mac.reset();
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
        for (String s : signatures.split(" ")) {
            if (s.startsWith("v1,")
                    && MessageDigest.isEqual(expected, s.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        }
    }

    // ---- the seeder

    private static void seed(String base, int count, int threads, String tag) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(2)).build();
        URI uri = URI.create(base + "/api/reports");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < count;) {
                    String body = "{\"urls\":[\"https://delivery-bench-" + tag + ".example/p/" + i + "?utm_source=x\"],"
                            + "\"category\":\"CSAM\",\"platform\":\"WEBSITE\",\"description\":\"benchmark\","
                            + "\"anonymous\":true,\"language\":\"en\"}";
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    for (int attempt = 1;; attempt++) {
                        int status;
                        try {
                            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (IOException e) {
                            status = -1;
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (status == 201) {
                            ok.incrementAndGet();
                            break;
                        }
                        errors.incrementAndGet();
                        if (attempt == 5) {
                            System.err.println("report " + i + " failed 5 times (last status " + status + ")");
                            break;
                        }
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.printf(Locale.ROOT, "%d %d %.2f%n", ok.get(), errors.get(), (System.nanoTime() - t0) / 1e9);
        System.exit(0); // the client's threads would keep the JVM
    }
}
