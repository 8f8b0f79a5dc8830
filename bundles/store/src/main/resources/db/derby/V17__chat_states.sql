-- Chat conversations between messages (JdbcChatStates): by channel and a hash of the chat, the state
-- AES-GCM sealed like a contact; and the platform message ids handled. Derby's binary type (PostgreSQL: BYTEA).
CREATE TABLE chat_state (
    channel     VARCHAR(64) NOT NULL,
    chat_key    VARCHAR(128) NOT NULL,
    state_enc   VARCHAR(32672) FOR BIT DATA NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (channel, chat_key)
);
CREATE INDEX chat_state_updated ON chat_state (updated_at);
CREATE TABLE chat_message_seen (
    channel     VARCHAR(64) NOT NULL,
    message_id  VARCHAR(128) NOT NULL,
    seen_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (channel, message_id)
);
CREATE INDEX chat_message_seen_at ON chat_message_seen (seen_at);
