package org.laporpredator.notifier.webhook.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit: kept when asked (a 2xx's JSON, for the partner's reference), else
 * only drained so the connection stays open for the next delivery. Past the limit the exchange is cancelled
 * (the connection is dropped) and the body is null: a partner cannot make the notifier hold a large body.
 */
final class CappedBody implements BodySubscriber<byte[]> {

    private final int limit;
    private final ByteArrayOutputStream kept;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long seen;

    CappedBody(int limit, boolean keep) {
        this.limit = limit;
        this.kept = keep ? new ByteArrayOutputStream(Math.min(limit, 1024)) : null;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : buffers) {
            seen += b.remaining();
            if (seen > limit) {
                result.complete(null);
                subscription.cancel();
                return;
            }
            if (kept != null) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                kept.write(bytes, 0, bytes.length);
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(kept == null ? null : kept.toByteArray());
    }
}
