-- The analysts' queue at a million reports (JdbcCases.queue).
-- pending: 1 while some item of the report has no classification (no row, or a removal only), else 0.
-- Set by the report writer at insert (it reads the classifications of items it found already stored),
-- kept by the item decisions for every report naming the item. Plain SQL PostgreSQL runs too.
ALTER TABLE report ADD COLUMN pending SMALLINT DEFAULT 1 NOT NULL;

UPDATE report SET pending = 0 WHERE NOT EXISTS (SELECT 1 FROM report_item ui WHERE ui.report_id = report.id
    AND NOT EXISTS (SELECT 1 FROM classification uc WHERE uc.item_id = ui.item_id AND uc.classification IS NOT NULL));

-- "not classified", oldest first: the analysts' main view, read in index order
CREATE INDEX report_pending_created_ix ON report (pending, created_at, id);

-- newest first: Derby reads an index in one direction only, so newest first needs its own
CREATE INDEX report_created_desc_ix ON report (created_at DESC, id DESC);
