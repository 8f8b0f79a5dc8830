package org.laporpredator.conversation;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a chat channel's replies to its platform's API on {@value #LANES} threads, a chat's replies always on
 * the same one and so in order: each call tried up to {@code tries} times, 1 s, 2 s, 4 s ... apart (a 429's
 * {@code Retry-After} or {@code retry_after} honoured), while the network fails or the API answers 5xx or
 * 429; any other 4xx is given up at once. Logs call names and status codes only, never a chat or a text.
 */
public final class ReplySender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplySender.class);
    public static final int LANES = 4;
    /** Calls waiting per lane at most; a webhook answers 503 before it gets there. */
    public static final int QUEUE = 5_000;
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Pattern RETRY_AFTER = Pattern.compile("\"retry_after\"\\s*:\\s*(\\d{1,5})");

    private final String platform;
    private final int tries;
    private final BiFunction<String, byte[], HttpRequest.Builder> request;
    // HTTP/1.1 kept alive, and the responses (a few bytes each) read on the client's own selector thread
    // rather than handed to another thread per call
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run).connectTimeout(Duration.ofSeconds(10)).build();
    private final List<BlockingQueue<Call>> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;
    private volatile String problem;

    private record Call(String name, byte[] json) {
    }

    /**
     * @param platform the API's name in logs and problems, e.g. {@code Bot API}
     * @param tries    tries of a call before it is given up, at least 1
     * @param request  the request of a call (its name and JSON body): address, headers and body
     */
    public ReplySender(String platform, int tries, BiFunction<String, byte[], HttpRequest.Builder> request) {
        this.platform = platform;
        this.tries = Math.max(1, tries);
        this.request = request;
        for (int i = 0; i < LANES; i++) {
            BlockingQueue<Call> q = new LinkedBlockingQueue<>(QUEUE);
            lanes.add(q);
            Thread t = new Thread(() -> run(q), "lapor-replies-" + platform.replace(' ', '-') + "-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Whether the chat's lane has room for a turn's replies; when not, the webhook asks the platform to wait. */
    public boolean hasRoom(String chat) {
        return lane(chat).remainingCapacity() > 20;
    }

    private BlockingQueue<Call> lane(String chat) {
        return lanes.get(Math.floorMod(chat.hashCode(), LANES));
    }

    /** Queues a call for the chat; false when its lane is full (the call is dropped and logged). */
    public boolean send(String chat, String name, byte[] json) {
        if (closed) {
            return false;
        }
        boolean queued = lane(chat).offer(new Call(name, json));
        if (!queued) {
            LOG.warn("{}: {} replies wait already; a {} was dropped", platform, QUEUE, name);
        }
        return queued;
    }

    /** Null, or why the last call could not be made. */
    public String problem() {
        return problem;
    }

    /** Calls waiting. */
    public int waiting() {
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
            Duration pause = wait;
            try {
                HttpResponse<String> r = http.send(request.apply(c.name(), c.json()).timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                if (status == 429) {
                    pause = retryAfter(r.headers().firstValue("Retry-After").orElse(null), r.body(), wait);
                }
            } catch (IOException e) {
                problem = "the " + platform + " is not reachable (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (status >= 200 && status < 300) {
                problem = null;
                return;
            }
            if (status == 401 || status == 403 || status == 404) {
                problem = "the " + platform + " refused the credentials (" + status + ")";
            } else if (status >= 400 && status < 500 && status != 429) {
                LOG.warn("{}: {} refused ({}); not sent", platform, c.name(), status);
                return;
            } else if (status > 0) {
                problem = "the " + platform + " answered " + status;
            }
            if (attempt == tries) {
                LOG.warn("{}: {} not sent after {} tries ({})", platform, c.name(), tries, problem);
                return;
            }
            try {
                Thread.sleep(Math.min(pause.toMillis(), MAX_WAIT.toMillis())); // the retry's backoff
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2);
        }
    }

    /** A 429's wait: the {@code Retry-After} header's seconds, else the body's {@code retry_after}, else the backoff. */
    public static Duration retryAfter(String header, String body, Duration otherwise) {
        if (header != null && header.strip().matches("\\d{1,5}")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        Matcher m = RETRY_AFTER.matcher(body == null ? "" : body);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : otherwise;
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
    }
}
