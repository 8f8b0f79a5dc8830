package org.laporpredator.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.laporpredator.api.IdempotencyKey;
import org.laporpredator.api.IdempotencyKeyReused;
import org.laporpredator.api.ReportStore;
import org.laporpredator.api.Submission;

/**
 * One report per idempotency key: a retry with the same content answers the first report's reference,
 * the same key with other content is refused. The store keeps the keys with the reports and decides;
 * in memory only the keys being stored right now, so a double click waits for the first click's outcome.
 */
final class Idempotency {

    private final ReportStore store;
    private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    Idempotency(ReportStore store) {
        this.store = store;
    }

    /** The key of a submission, or null when it has none. */
    static IdempotencyKey key(Submission s) {
        if (s.idempotencyKey() == null) {
            return null;
        }
        return new IdempotencyKey(sha256(s.channel() + "\n" + s.idempotencyKey()), fingerprint(s));
    }

    /**
     * The reference stored under the key, or {@code save}'s when there is none yet.
     *
     * @throws IdempotencyKeyReused when the key was used for other content
     */
    String once(IdempotencyKey key, Supplier<String> save) {
        while (true) {
            String earlier = earlier(key);
            if (earlier != null) {
                return earlier;
            }
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = inFlight.putIfAbsent(key.keyHash(), mine);
            if (other != null) {
                other.join(); // then look again: it was stored, or it failed and this one tries
                continue;
            }
            try {
                earlier = earlier(key); // stored between the first look and taking the key
                return earlier != null ? earlier : save.get();
            } finally {
                inFlight.remove(key.keyHash(), mine);
                mine.complete(null);
            }
        }
    }

    private String earlier(IdempotencyKey key) {
        Optional<IdempotencyKey.Stored> stored = store.idempotent(key.keyHash());
        if (stored.isEmpty()) {
            return null;
        }
        if (!stored.get().fingerprint().equals(key.fingerprint())) {
            throw new IdempotencyKeyReused();
        }
        return stored.get().reference();
    }

    /**
     * SHA-256 of what was submitted. The contact counts only as given or not: a hash of a phone number
     * could be reversed by trying them all.
     */
    static String fingerprint(Submission s) {
        MessageDigest sha = sha();
        field(sha, s.channel());
        field(sha, s.platformHint() == null ? null : s.platformHint().name());
        field(sha, String.valueOf(s.urls().size()));
        for (String url : s.urls()) {
            field(sha, url);
        }
        field(sha, s.category() == null ? null : s.category().name());
        field(sha, s.description());
        field(sha, String.valueOf(s.anonymous()));
        field(sha, String.valueOf(!s.anonymous() && s.contact() != null && !s.contact().isBlank()));
        field(sha, s.language());
        field(sha, s.chatExport());
        if (s.urgent()) {
            field(sha, "urgent"); // only when set: keys stored before urgent existed keep their fingerprint
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(sha().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
