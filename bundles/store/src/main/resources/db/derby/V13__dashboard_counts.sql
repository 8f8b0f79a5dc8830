-- The dashboard's daily counters (DashboardCounts): kept by the report writer (reports; new items, as
-- unclassified) and the item decisions (classification moves; the two duration histograms) in their own
-- transactions, read by JdbcCases.dashboard instead of the reports and items of the period.
-- Days are Malaysian: UTC+8 (StatusRecord.ZONE, Asia/Kuala_Lumpur, fixed since 1982); times are stored as UTC.
-- Row locks (the default): the writer and the decisions each hold only the rows they add to.
CREATE TABLE dashboard_count (
    day       DATE NOT NULL,
    dimension VARCHAR(32) NOT NULL,
    name      VARCHAR(64) NOT NULL,
    value     BIGINT NOT NULL,
    PRIMARY KEY (day, dimension, name)
);

-- The backfill, from the rows as they are (Derby's functions: this is the Derby dialect).
-- Reports on the day they were received.
INSERT INTO dashboard_count (day, dimension, name, value)
    SELECT day, 'reports', 'all', COUNT(*) FROM
        (SELECT CAST({fn TIMESTAMPADD(SQL_TSI_HOUR, 8, created_at)} AS DATE) AS day FROM report) r
    GROUP BY day;

INSERT INTO dashboard_count (day, dimension, name, value)
    SELECT day, 'category', category, COUNT(*) FROM
        (SELECT CAST({fn TIMESTAMPADD(SQL_TSI_HOUR, 8, created_at)} AS DATE) AS day, category FROM report) r
    GROUP BY day, category;

INSERT INTO dashboard_count (day, dimension, name, value)
    SELECT day, 'channel', channel, COUNT(*) FROM
        (SELECT CAST({fn TIMESTAMPADD(SQL_TSI_HOUR, 8, created_at)} AS DATE) AS day, channel FROM report) r
    GROUP BY day, channel;

-- Items on the day they were first reported: by platform, and by their classification now
-- (UNCLASSIFIED without one; a removal alone is no classification).
INSERT INTO dashboard_count (day, dimension, name, value)
    SELECT day, 'platform', platform, COUNT(*) FROM
        (SELECT CAST({fn TIMESTAMPADD(SQL_TSI_HOUR, 8, first_reported_at)} AS DATE) AS day, platform FROM item) i
    GROUP BY day, platform;

INSERT INTO dashboard_count (day, dimension, name, value)
    SELECT day, 'classification', name, COUNT(*) FROM
        (SELECT CAST({fn TIMESTAMPADD(SQL_TSI_HOUR, 8, i.first_reported_at)} AS DATE) AS day,
            COALESCE(c.classification, 'UNCLASSIFIED') AS name
        FROM item i LEFT JOIN classification c ON c.item_id = i.id) t
    GROUP BY day, name;

-- From the first report to the first classification (the earliest item-classified in the history; the
-- row's classified_at for decisions older than the history, V10), on the day of that classification.
-- Bucket: 0 below a second, else 1 + FLOOR(LN(whole seconds) / LN(1.05)), as DashboardCounts.bucket.
INSERT INTO dashboard_count (day, dimension, name, value)
    SELECT day, 'to_classification', TRIM(CAST(bucket AS CHAR(11))), COUNT(*) FROM
        (SELECT CAST({fn TIMESTAMPADD(SQL_TSI_HOUR, 8, classified)} AS DATE) AS day,
            CASE WHEN seconds <= 0 THEN 0 ELSE 1 + CAST(FLOOR(LN(seconds) / LN(1.05E0)) AS INT) END AS bucket
        FROM (SELECT f.classified, {fn TIMESTAMPDIFF(SQL_TSI_SECOND, f.reported, f.classified)} AS seconds
            FROM (SELECT i.first_reported_at AS reported, COALESCE((SELECT MIN(h.happened_at)
                    FROM classification_history h WHERE h.item_id = c.item_id AND h.action = 'item-classified'),
                    c.classified_at) AS classified
                FROM classification c JOIN item i ON i.id = c.item_id
                WHERE c.classification IS NOT NULL) f
            WHERE f.classified IS NOT NULL) s) b
    GROUP BY day, bucket;

-- From the first report to the recorded removal time, on the day of that time.
INSERT INTO dashboard_count (day, dimension, name, value)
    SELECT day, 'to_removal', TRIM(CAST(bucket AS CHAR(11))), COUNT(*) FROM
        (SELECT CAST({fn TIMESTAMPADD(SQL_TSI_HOUR, 8, removed_at)} AS DATE) AS day,
            CASE WHEN seconds <= 0 THEN 0 ELSE 1 + CAST(FLOOR(LN(seconds) / LN(1.05E0)) AS INT) END AS bucket
        FROM (SELECT c.removed_at, {fn TIMESTAMPDIFF(SQL_TSI_SECOND, i.first_reported_at, c.removed_at)} AS seconds
            FROM classification c JOIN item i ON i.id = c.item_id WHERE c.removed_at IS NOT NULL) s) b
    GROUP BY day, bucket;
