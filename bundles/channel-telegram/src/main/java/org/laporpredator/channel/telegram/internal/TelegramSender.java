package org.laporpredator.channel.telegram.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the bot's replies to the Bot API on one thread, in order: each call tried up to {@code tries} times,
 * 1 s, 2 s, 4 s ... apart (a 429's retry_after honoured), while the network fails or the API answers 5xx or
 * 429; a 4xx other than 429 is given up at once. Logs methods and status codes only, never a chat or a text.
 */
final class TelegramSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramSender.class);
    private static final int QUEUE = 10_000;
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final String base;
    private final int tries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final BlockingQueue<Call> queue = new LinkedBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean closed;
    private volatile String problem;

    record Call(String method, byte[] json) {
    }

    TelegramSender(String apiBase, String token, int tries) {
        this.base = apiBase + "/bot" + token + "/";
        this.tries = tries;
        this.thread = new Thread(this::run, "lapor-telegram-sender");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a Bot API call; false when the queue is full (the call is dropped and logged). */
    boolean send(String method, byte[] json) {
        if (closed) {
            return false;
        }
        boolean queued = queue.offer(new Call(method, json));
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
        return queue.size();
    }

    private void run() {
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
        thread.interrupt();
    }
}
