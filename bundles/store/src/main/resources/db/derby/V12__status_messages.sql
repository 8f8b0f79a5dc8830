-- The message chosen with a report's status (StatusMessage key); null: the status's default.
ALTER TABLE report ADD COLUMN status_message VARCHAR(64);
