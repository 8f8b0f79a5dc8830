package org.laporpredator.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks v1 signatures (HMAC-SHA256): what the webhook notifier sends and what a receiver
 * checks. The signed bytes are {@code <webhook-id>.<webhook-timestamp>.<raw body>}; the key is the base64
 * part of a {@code whsec_} secret (24 to 64 bytes); the header is {@code v1,<base64 signature>}, and a
 * receiver accepts a space-separated list of them (key rotation).
 *
 * <p>Thread-safe, no state. Exported so that a partner's test receiver (or ours, in the integration tests)
 * verifies exactly what the notifier signs.
 */
public final class WebhookSignature {

    /** The prefix of a secret as Standard Webhooks shows it. */
    public static final String SECRET_PREFIX = "whsec_";
    /** The shortest key the spec allows, in bytes. */
    public static final int MIN_KEY_BYTES = 24;
    /** The longest key the spec allows, in bytes. */
    public static final int MAX_KEY_BYTES = 64;
    /** How far a timestamp may be from the receiver's clock, either way (the reference libraries' 5 minutes). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private static final String VERSION = "v1,";
    private static final String HMAC = "HmacSHA256";

    private WebhookSignature() {
    }

    /**
     * The key of a {@code whsec_<base64>} secret.
     *
     * @throws IllegalArgumentException when the secret is not {@code whsec_} and the base64 of 24 to 64 bytes
     */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("secret is not whsec_<base64>");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret is not whsec_<base64>", e);
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("secret is not " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** True when {@link #key(String)} accepts the secret. */
    public static boolean isValidSecret(String secret) {
        try {
            key(secret);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code webhook-signature} value {@code v1,<base64>} for a {@code whsec_} secret. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        return sign(key(secret), id, timestamp, body);
    }

    /** The {@code webhook-signature} value {@code v1,<base64>} for a decoded key. */
    public static String sign(byte[] key, String id, long timestamp, byte[] body) {
        return VERSION + Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body));
    }

    /**
     * Checks a delivery against the current time.
     *
     * @param signatures the {@code webhook-signature} header: one or more space-separated {@code v1,<base64>}
     * @return true when the timestamp is within the tolerance and one of the v1 signatures matches
     */
    public static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body,
            Duration tolerance) {
        return verify(secret, id, timestamp, signatures, body, tolerance, Instant.now());
    }

    /** {@link #verify(String, String, String, String, byte[], Duration)} at a given time. */
    public static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body,
            Duration tolerance, Instant now) {
        byte[] key = key(secret);
        if (id == null || id.isEmpty() || timestamp == null || signatures == null || body == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - ts) > tolerance.getSeconds()) {
            return false;
        }
        byte[] expected = hmac(key, id, ts, body);
        boolean match = false;
        for (String candidate : signatures.strip().split("\\s+")) {
            if (!candidate.startsWith(VERSION)) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(VERSION.length()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            match |= MessageDigest.isEqual(expected, given);
        }
        return match;
    }

    /**
     * Checks a delivery from its request headers (names in any case, as an HTTP server hands them over,
     * e.g. {@code com.sun.net.httpserver.Headers} or {@code java.net.http.HttpHeaders#map()}).
     */
    public static boolean verify(String secret, Map<String, ? extends List<String>> headers, byte[] body,
            Duration tolerance) {
        return verify(secret, header(headers, ID_HEADER), header(headers, TIMESTAMP_HEADER),
                header(headers, SIGNATURE_HEADER), body, tolerance);
    }

    private static String header(Map<String, ? extends List<String>> headers, String name) {
        for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static byte[] hmac(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
