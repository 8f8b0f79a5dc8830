-- What a channel keeps between runs (JdbcChannelState): a mailbox's cursor, the messages that became
-- reports and those answered. Plain SQL PostgreSQL runs too.
CREATE TABLE channel_state (
    channel     VARCHAR(64) NOT NULL,
    state_key   VARCHAR(128) NOT NULL,
    state_value VARCHAR(512) NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (channel, state_key)
);
