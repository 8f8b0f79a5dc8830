package org.laporpredator.api;

/**
 * A sender's retry key for one submission, as the store keeps it: never the key itself.
 *
 * @param keyHash     SHA-256 (hex) of the channel and the key
 * @param fingerprint SHA-256 (hex) of what was submitted, so a reused key with other content is told apart
 */
public record IdempotencyKey(String keyHash, String fingerprint) {

    /** A report stored under a key: its reference and the fingerprint of what was submitted. */
    public record Stored(String reference, String fingerprint) {
    }
}
