-- The partner dispatcher (not built yet) has to track delivery per partner, since every partner gets
-- every event and one dispatched_at column cannot say what is pending for whom; it will read the
-- outbox by id. Until then the index on (dispatched_at, id) serves no query and costs every report a
-- B-tree insert.

DROP INDEX outbox_pending_ix;
