-- Case handling (JdbcCases) and console sessions (JdbcSessions).
-- Times are UTC. ("at" is a reserved word in Derby, hence happened_at.)

-- Every decision and every sensitive read, append only; never a contact or a password.
CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    happened_at TIMESTAMP NOT NULL,
    actor       VARCHAR(128) NOT NULL,
    action      VARCHAR(64) NOT NULL,
    target      VARCHAR(256),
    detail      VARCHAR(2000)
);

CREATE INDEX audit_log_at_ix ON audit_log (happened_at);

CREATE INDEX audit_log_actor_ix ON audit_log (actor, happened_at);

-- A report's history as the analysts see it: one row per decision touching the report.
CREATE TABLE report_event (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id   BIGINT NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    actor       VARCHAR(128) NOT NULL,
    action      VARCHAR(64) NOT NULL,
    detail      VARCHAR(2000)
);

CREATE INDEX report_event_report_ix ON report_event (report_id, id);

-- Every decision on an item (classified, removed, removal-undone); the current one is in classification.
CREATE TABLE classification_history (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id        BIGINT NOT NULL,
    action         VARCHAR(32) NOT NULL,
    classification VARCHAR(32),
    note           VARCHAR(2000),
    actor          VARCHAR(128) NOT NULL,
    happened_at    TIMESTAMP NOT NULL
);

CREATE INDEX classification_history_item_ix ON classification_history (item_id, id);

-- Who decided, and when a removal was recorded (removed stays, kept equal to removed_at IS NOT NULL).
-- A removal may be recorded before any classification, hence a nullable classification and time
-- (Derby's syntax).
ALTER TABLE classification ADD COLUMN classified_by VARCHAR(128);

ALTER TABLE classification ADD COLUMN removed_at TIMESTAMP;

ALTER TABLE classification ALTER COLUMN classification NULL;

ALTER TABLE classification ALTER COLUMN classified_at NULL;

-- no time was kept for earlier removals; the classification's time stands in for it
UPDATE classification SET removed_at = classified_at WHERE removed = TRUE;

-- The public counters, kept exact by each decision's transaction rather than counted per request.
CREATE TABLE counter (
    name  VARCHAR(64) NOT NULL PRIMARY KEY,
    value BIGINT NOT NULL
);

INSERT INTO counter (name, value)
    SELECT 'classified_csam', COUNT(*) FROM classification WHERE classification IN ('CSAM', 'CSAM_NATIONAL');

INSERT INTO counter (name, value)
    SELECT 'removed_csam', COUNT(*) FROM classification
    WHERE classification IN ('CSAM', 'CSAM_NATIONAL') AND removed_at IS NOT NULL;

-- The largest outbox id handed out. The report writer and the case decisions both insert outbox rows, so
-- both take ids here, in the transaction that inserts them: the row lock then orders ids as commits are
-- ordered. One row in a table of its own, so taking an id never meets the counters' row locks.
CREATE TABLE outbox_ids (
    last_id BIGINT NOT NULL
);

INSERT INTO outbox_ids (last_id) SELECT COALESCE(MAX(id), 0) FROM outbox;

-- Item events name no single report.
ALTER TABLE outbox ALTER COLUMN reference NULL;

-- The analysts' queue, oldest or newest first, with or without a status.
CREATE INDEX report_created_ix ON report (created_at, id);

CREATE INDEX report_status_created_ix ON report (status, created_at, id);

-- Console sessions: the id only as its SHA-256 (hex); roles comma-separated.
CREATE TABLE admin_session (
    id_hash    CHAR(64) NOT NULL PRIMARY KEY,
    username   VARCHAR(128) NOT NULL,
    roles      VARCHAR(512) NOT NULL,
    csrf_token VARCHAR(64) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen  TIMESTAMP NOT NULL
);
