import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat benchmark's helpers, compiled and run by bench/chat/run.sh (javac, no dependencies):
 * <ul>
 * <li>{@code standin <port>}: a stand-in for the Telegram Bot API on loopback, answering every call
 * {@code {"ok":true}}; GET /count answers how many sendMessage calls it took.</li>
 * <li>{@code turns <base> <secret> <threads> <warmupSeconds> <seconds> <firstChat>}: each thread runs whole
 * conversations (10 updates each: /start, buttons, a link, confirm) through POST /api/chat/telegram, one
 * update after another, and the latency of each webhook answer is kept; prints
 * {@code turns seconds turns_per_second p50_ms p99_ms errors conversations}.</li>
 * <li>{@code health <base> <threads> <warmupSeconds> <seconds>}: the same threads asking GET /api/health.</li>
 * </ul>
 */
public final class ChatBench {

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "standin" -> standin(Integer.parseInt(a[1]));
            case "turns" -> load(a[1], a[2], Integer.parseInt(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]),
                    Long.parseLong(a[6]), true);
            case "health" -> load(a[1], null, Integer.parseInt(a[2]), Integer.parseInt(a[3]), Integer.parseInt(a[4]), 0, false);
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    /**
     * HTTP/1.1 with keep-alive on plain sockets, each answer in one write (the JDK's HttpServer writes the
     * headers and the body apart, and with Nagle the body waits ~40 ms for the client's delayed ACK: the stand-in
     * would measure itself, not the bot).
     */
    static void standin(int port) throws Exception {
        AtomicLong sent = new AtomicLong();
        java.net.ServerSocket server = new java.net.ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", port), 200);
        System.out.println("stand-in Bot API on 127.0.0.1:" + port);
        while (true) {
            java.net.Socket s = server.accept();
            s.setTcpNoDelay(true);
            Thread t = new Thread(() -> serve(s, sent));
            t.setDaemon(true);
            t.start();
        }
    }

    static void serve(java.net.Socket s, AtomicLong sent) {
        try (s; java.io.InputStream raw = s.getInputStream(); java.io.OutputStream out = s.getOutputStream()) {
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw);
            while (true) {
                String request = line(in);
                if (request == null || request.isEmpty()) {
                    return;
                }
                int length = 0;
                String h;
                while ((h = line(in)) != null && !h.isEmpty()) {
                    if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(h.substring(15).strip());
                    }
                }
                in.readNBytes(length);
                String path = request.split(" ")[1];
                if (path.endsWith("/sendMessage")) {
                    sent.incrementAndGet();
                }
                byte[] body = (path.equals("/count") ? String.valueOf(sent.get()) : "{\"ok\":true,\"result\":{}}")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] all = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                out.write(all);
                out.flush();
            }
        } catch (java.io.IOException e) {
            // the client went away
        }
    }

    static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    static final String[] STEPS = {"/start", "cb:danger:no", "cb:who:other", "cb:cat:CSAM", "cb:platform:TELEGRAM",
        "text:https://t.me/bench_channel_%d", "cb:links:done", "cb:details:skip", "cb:contact:no", "cb:confirm:yes"};

    static void load(String base, String secret, int threads, int warmup, int seconds, long firstChat, boolean turns)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong updateIds = new AtomicLong(System.currentTimeMillis() * 10);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger conversations = new AtomicInteger();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] lat = new long[200_000];
            perThread.add(lat);
            final int thread = t;
            Thread th = new Thread(() -> {
                long chat = firstChat + thread * 1_000_000L;
                int count = 0;
                while (System.nanoTime() < end) {
                    chat++;
                    for (String step : STEPS) {
                        if (System.nanoTime() >= end) {
                            break;
                        }
                        HttpRequest req;
                        if (turns) {
                            String body = update(updateIds.incrementAndGet(), chat, step);
                            req = HttpRequest.newBuilder(URI.create(base + "/api/chat/telegram")).timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", secret)
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        } else {
                            req = HttpRequest.newBuilder(URI.create(base + "/api/health")).timeout(Duration.ofSeconds(30)).GET().build();
                        }
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= end) {
                            if (status != 200) {
                                errors.incrementAndGet();
                            }
                            if (count < lat.length) {
                                lat[count++] = t1 - t0;
                            }
                        }
                    }
                    if (turns && System.nanoTime() < end && System.nanoTime() > measureFrom) {
                        conversations.incrementAndGet();
                    }
                }
                lat[lat.length - 1] = count; // the count, in the last slot
            });
            all.add(th);
            th.start();
        }
        for (Thread th : all) {
            th.join();
        }
        int total = 0;
        for (long[] lat : perThread) {
            total += (int) lat[lat.length - 1];
        }
        long[] merged = new long[total];
        int k = 0;
        for (long[] lat : perThread) {
            int c = (int) lat[lat.length - 1];
            System.arraycopy(lat, 0, merged, k, c);
            k += c;
        }
        Arrays.sort(merged);
        double p50 = merged.length == 0 ? 0 : merged[merged.length / 2] / 1e6;
        double p99 = merged.length == 0 ? 0 : merged[(int) Math.min(merged.length - 1, Math.floor(merged.length * 0.99))] / 1e6;
        System.out.printf("%d %d %.1f %.2f %.2f %d %d%n", total, seconds, total / (double) seconds, p50, p99, errors.get(),
                conversations.get());
    }

    static String update(long id, long chat, String step) {
        String from = "\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"B\",\"language_code\":\"ms\"}";
        String chatJson = "\"chat\":{\"id\":" + chat + ",\"type\":\"private\"}";
        if (step.startsWith("cb:")) {
            return "{\"update_id\":" + id + ",\"callback_query\":{\"id\":\"c" + id + "\"," + from + ",\"message\":{\"message_id\":1,"
                    + chatJson + ",\"date\":1764670000,\"text\":\"?\"},\"chat_instance\":\"1\",\"data\":\"" + step.substring(3) + "\"}}";
        }
        String text = step.startsWith("text:") ? String.format(step.substring(5), chat) : step;
        String entities = text.startsWith("/") ? ",\"entities\":[{\"offset\":0,\"length\":" + text.length() + ",\"type\":\"bot_command\"}]" : "";
        return "{\"update_id\":" + id + ",\"message\":{\"message_id\":" + id + "," + from + "," + chatJson
                + ",\"date\":1764670000,\"text\":\"" + text + "\"" + entities + "}}";
    }
}
