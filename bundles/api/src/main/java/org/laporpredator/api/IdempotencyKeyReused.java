package org.laporpredator.api;

/** An idempotency key already used for a different submission; nothing was stored (HTTP 422). */
public class IdempotencyKeyReused extends SubmissionRejected {
    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReused() {
        super("idempotency_key_reused", "This Idempotency-Key was already used for a different report."
                + " Use a new key for a new report.");
    }
}
