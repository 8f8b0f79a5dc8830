-- Delivery of outbox events to partners (JdbcDeliveries): one record per partner and event, leased to one
-- dispatcher at a time by a conditional update, so several dispatchers on one database never deliver a
-- record at the same time. Times are UTC, set by the dispatcher's clock. Plain SQL PostgreSQL runs too.
-- Row locks (the default): each claim, completion and fan-out holds only the rows it writes.
CREATE TABLE delivery (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partner           VARCHAR(64) NOT NULL,
    event_id          BIGINT NOT NULL,
    event_type        VARCHAR(64) NOT NULL,
    idempotency_key   VARCHAR(128) NOT NULL,
    ordering_key      VARCHAR(64) NOT NULL,
    reference         CHAR(8),
    state             VARCHAR(16) NOT NULL,
    attempts          INT DEFAULT 0 NOT NULL,
    next_attempt_at   TIMESTAMP,
    lease_owner       VARCHAR(64),
    lease_until       TIMESTAMP,
    last_error        VARCHAR(200),
    delivered_at      TIMESTAMP,
    partner_reference VARCHAR(128),
    created_at        TIMESTAMP NOT NULL,
    -- each event fanned out once per partner, however many dispatchers fan out at once
    CONSTRAINT delivery_event_uq UNIQUE (partner, event_id),
    CONSTRAINT delivery_state_ck CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED', 'DEAD'))
);

-- The due query of a claim, one (state, partner) at a time, read in the order of the index (next attempt,
-- then event) up to the claim's size: a partner whose records wait (its notifier cannot deliver) or a
-- backlog of FAILED ones not due yet cost the other claims nothing. Also the DEAD list and the counts.
CREATE INDEX delivery_due_ix ON delivery (state, partner, next_attempt_at, event_id);

-- Order per key: "an earlier record of this partner and key still PENDING or FAILED" (the key is the
-- report's reference or item-<id>); and a report's deliveries, its own (key = its reference) and its items'.
-- Hence no index on reference.
CREATE INDEX delivery_key_ix ON delivery (ordering_key, partner, event_id);

-- The last outbox id fanned out to each partner; a partner seen for the first time starts at the newest.
CREATE TABLE delivery_cursor (
    partner       VARCHAR(64) NOT NULL PRIMARY KEY,
    last_event_id BIGINT NOT NULL
);

-- The reporter's answer to "Is a child in danger right now?" (1 yes, 0 no; reports before V15: no).
ALTER TABLE report ADD COLUMN urgent SMALLINT DEFAULT 0 NOT NULL;

-- The new report event is called report.received (Events.REPORT_RECEIVED); older payloads keep their
-- fields (no version: read as version 1, not urgent).
UPDATE outbox SET event_type = 'report.received' WHERE event_type = 'report.created';
