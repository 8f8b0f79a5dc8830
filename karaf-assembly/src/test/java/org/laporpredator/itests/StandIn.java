package org.laporpredator.itests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for a platform's API (the Telegram Bot API, the Graph API): records every call and
 * answers 200 with the given body; the next calls to a path ending in {@code failSuffix} can be made to fail.
 */
final class StandIn implements AutoCloseable {

    record Call(String method, String path, String body, String authorization) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile String failSuffix = "";
    private volatile int failStatus;
    private volatile String failBody = "";

    StandIn(int port, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = x.getRequestURI().getPath();
            calls.add(new Call(x.getRequestMethod(), path, body, x.getRequestHeaders().getFirst("Authorization")));
            boolean fail = path.endsWith(failSuffix) && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            byte[] out = (fail ? failBody : answer).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(fail ? failStatus : 200, out.length);
            x.getResponseBody().write(out);
            x.close();
        });
        server.start();
    }

    /** The next {@code n} calls to a path ending in {@code suffix} answer {@code status} with {@code body}. */
    void failNext(int n, String suffix, int status, String body) {
        failSuffix = suffix;
        failStatus = status;
        failBody = body;
        failures.set(n);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
