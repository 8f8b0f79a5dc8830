-- Reports, items (deduplicated by key), their links, and the partner outbox.
-- Times are UTC. Contact is AES-GCM ciphertext (IV || ciphertext+tag), NULL when anonymous.

CREATE TABLE report (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference     CHAR(8) NOT NULL UNIQUE,
    channel       VARCHAR(64) NOT NULL,
    category      VARCHAR(32) NOT NULL,
    platform_hint VARCHAR(32),
    description   VARCHAR(10000),
    language      VARCHAR(16) NOT NULL,
    anonymous     BOOLEAN NOT NULL,
    contact_enc   VARCHAR(2048) FOR BIT DATA,
    status        VARCHAR(32) DEFAULT 'RECEIVED' NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    CONSTRAINT report_status_ck CHECK (status IN ('RECEIVED', 'UNDER_REVIEW', 'REFERRED', 'ACTIONED', 'CLOSED'))
);

CREATE TABLE item (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_hash          CHAR(64) NOT NULL UNIQUE,
    dedup_key         VARCHAR(4096) NOT NULL,
    platform          VARCHAR(64) NOT NULL,
    kind              VARCHAR(64) NOT NULL,
    canonical_url     VARCHAR(4096) NOT NULL,
    identifiers       VARCHAR(8000) NOT NULL,
    report_count      INT NOT NULL,
    classification    VARCHAR(32),
    removed           BOOLEAN DEFAULT FALSE NOT NULL,
    first_reported_at TIMESTAMP NOT NULL,
    last_reported_at  TIMESTAMP NOT NULL
);

CREATE INDEX item_classification_ix ON item (classification, removed);

CREATE TABLE report_item (
    report_id  BIGINT NOT NULL REFERENCES report (id),
    item_id    BIGINT NOT NULL REFERENCES item (id),
    position   INT NOT NULL,
    input_text VARCHAR(4096) NOT NULL,
    PRIMARY KEY (report_id, position)
);

CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_type      VARCHAR(64) NOT NULL,
    idempotency_key VARCHAR(128) NOT NULL UNIQUE,
    reference       CHAR(8) NOT NULL,
    payload         CLOB NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    dispatched_at   TIMESTAMP
);

CREATE INDEX outbox_pending_ix ON outbox (dispatched_at, id);
