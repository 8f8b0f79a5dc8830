-- Only the store's writer thread writes items, links and outbox events. Locking each of these tables
-- whole, once per batch, spares it a row lock per row written (about a tenth of its work). A reader of
-- these tables (the public counters read item) waits at most for the batch being written. Report rows
-- keep row locks: status lookups and the report count read them while batches are written.

ALTER TABLE item LOCKSIZE TABLE;

ALTER TABLE report_item LOCKSIZE TABLE;

ALTER TABLE outbox LOCKSIZE TABLE;
