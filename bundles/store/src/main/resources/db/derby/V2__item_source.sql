-- Where in a report each item was found (the link list, the description, a chat export), and for chat
-- items the local time of the message it appeared in, as the export shows it.

ALTER TABLE report_item ADD COLUMN source VARCHAR(16) DEFAULT 'URLS' NOT NULL;

ALTER TABLE report_item ADD COLUMN seen_at TIMESTAMP;
