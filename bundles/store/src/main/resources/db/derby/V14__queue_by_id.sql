-- The queue in the order reports were received: by id (the writer hands ids out in commit order), so the
-- time indexes of V10 and V11 go, and the status and "not classified" views read (status, id) and
-- (pending, id). Two index entries per new report instead of four; newest first reads a window of the
-- highest ids (JdbcCases.queue) instead of an index of its own.
DROP INDEX report_created_ix;

DROP INDEX report_created_desc_ix;

DROP INDEX report_status_created_ix;

DROP INDEX report_pending_created_ix;

CREATE INDEX report_status_ix ON report (status, id);

CREATE INDEX report_pending_ix ON report (pending, id);
