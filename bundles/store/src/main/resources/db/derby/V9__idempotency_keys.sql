-- Idempotency keys of submissions (HTTP Idempotency-Key), kept a day: a retry finds its report here.
-- key_hash: SHA-256 (hex) of the channel and the key; fingerprint: SHA-256 (hex) of what was submitted.
-- Written in the report's own transaction, so a key never names a report that was not stored.

CREATE TABLE idempotency_key (
    key_hash    CHAR(64) NOT NULL PRIMARY KEY,
    fingerprint CHAR(64) NOT NULL,
    reference   CHAR(8) NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
