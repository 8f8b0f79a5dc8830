package org.laporpredator.channel.telegram.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the bot's replies to the Bot API on {@value #LANES} threads, a chat's replies always on the same one
 * and so in order: each call tried up to {@code tries} times,
 * 1 s, 2 s, 4 s ... apart (a 429's retry_after honoured), while the network fails or the API answers 5xx or
 * 429; a 4xx other than 429 is given up at once. Logs methods and status codes only, never a chat or a text.
 */
final class TelegramSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramSender.class);
    static final int LANES = 4;
    /** Calls waiting per lane at most; the webhook answers 503 before it gets there. */
    static final int QUEUE = 5_000;
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final String base;
    private final int tries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<BlockingQueue<Call>> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;
    private volatile String problem;

    record Call(String method, byte[] json) {
    }

    TelegramSender(String apiBase, String token, int tries) {
        this.base = apiBase + "/bot" + token + "/";
        this.tries = tries;
        for (int i = 0; i < LANES; i++) {
            BlockingQueue<Call> q = new LinkedBlockingQueue<>(QUEUE);
            lanes.add(q);
            Thread t = new Thread(() -> run(q), "lapor-telegram-sender-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Whether the chat's lane has room for a turn's replies; when not, the webhook asks Telegram to wait. */
    boolean hasRoom(String chat) {
        return lane(chat).remainingCapacity() > 20;
    }

    private BlockingQueue<Call> lane(String chat) {
        return lanes.get(Math.floorMod(chat.hashCode(), LANES));
    }

    /** Queues a Bot API call for the chat; false when its lane is full (the call is dropped and logged). */
    boolean send(String chat, String method, byte[] json) {
        if (closed) {
            return false;
        }
        boolean queued = lane(chat).offer(new Call(method, json));
        if (!queued) {
            LOG.warn("Telegram: {} replies wait already; a {} was dropped", QUEUE, method);
        }
        return queued;
    }

    /** Null, or why the last reply could not be sent. */
    String problem() {
        return problem;
    }

    /** Replies waiting (for tests and health). */
    int waiting() {
        int n = 0;
        for (BlockingQueue<Call> q : lanes) {
            n += q.size();
        }
        return n;
    }

    private void run(BlockingQueue<Call> queue) {
        while (!closed) {
            Call c;
            try {
                c = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (c != null) {
                deliver(c);
            }
        }
    }

    private void deliver(Call c) {
        Duration wait = Duration.ofSeconds(1);
        for (int attempt = 1; attempt <= tries && !closed; attempt++) {
            int status = -1;
            String body = "";
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + c.method()))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(c.json())).build(), HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                body = r.body();
            } catch (IOException e) {
                problem = "the Bot API is not reachable (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (status >= 200 && status < 300) {
                problem = null;
                return;
            }
            if (status == 401 || status == 404) {
                problem = "the Bot API refused the token (" + status + ")";
            } else if (status >= 400 && status < 500 && status != 429) {
                LOG.warn("Telegram: {} refused ({}); not sent", c.method(), status);
                return;
            } else if (status > 0) {
                problem = "the Bot API answered " + status;
            }
            if (attempt == tries) {
                LOG.warn("Telegram: {} not sent after {} tries ({})", c.method(), tries, problem);
                return;
            }
            Duration pause = status == 429 ? retryAfter(body, wait) : wait;
            try {
                Thread.sleep(Math.min(pause.toMillis(), MAX_WAIT.toMillis())); // the retry's backoff
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2);
        }
    }

    /** A 429's {@code parameters.retry_after} (seconds), else the backoff. */
    static Duration retryAfter(String body, Duration otherwise) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"retry_after\"\\s*:\\s*(\\d{1,5})").matcher(body == null ? "" : body);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : otherwise;
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
    }
}
