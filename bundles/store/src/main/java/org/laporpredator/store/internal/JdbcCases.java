package org.laporpredator.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.laporpredator.api.Category;
import org.laporpredator.api.ItemSource;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.StatusMessage;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.api.cases.AuditEntry;
import org.laporpredator.api.cases.AuditQuery;
import org.laporpredator.api.cases.CaseItem;
import org.laporpredator.api.cases.CaseNotFound;
import org.laporpredator.api.cases.CaseReport;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.cases.Classification;
import org.laporpredator.api.cases.Dashboard;
import org.laporpredator.api.cases.ExportRow;
import org.laporpredator.api.cases.HistoryEntry;
import org.laporpredator.api.cases.Page;
import org.laporpredator.api.cases.QueueEntry;
import org.laporpredator.api.cases.QueueQuery;
import org.laporpredator.api.cases.TransitionNotAllowed;
import org.laporpredator.api.cases.Transitions;
import org.laporpredator.spi.Events;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Case handling on the DataSource {@code lapor}. Each decision is one short transaction on a connection
 * of its own (not the report writer's): the change, an audit row, a history row for each report it
 * touches, the public counters and an outbox event. Lock order, so that no decision deadlocks with the
 * writer: first read what the writer writes (item, report_item; Derby lets go of those read locks at the
 * end of each statement), then lock the decision counter (item decisions, one at a time), then write, then
 * take the outbox id and insert the event, and last add to the dashboard's counters ({@link DashboardCounts}),
 * in the order the writer takes them (item, outbox ids, counters just before its commit).
 *
 * <p>Never logs or stores contacts in the log, history or events; failures are logged by SQLState only.
 */
@Component(service = Cases.class, configurationPid = JdbcReportStore.PID)
public class JdbcCases implements Cases {

    static final String EVENT_ITEM_CLASSIFIED = Events.ITEM_CLASSIFIED;
    static final String EVENT_ITEM_REMOVED = Events.ITEM_REMOVED;
    static final String EVENT_STATUS_CHANGED = Events.REPORT_STATUS_CHANGED;
    static final String CLASSIFIED_CSAM = "classified_csam";
    static final String REMOVED_CSAM = "removed_csam";
    /** Longest note, reason or detail kept (the columns hold 2,000). */
    static final int MAX_TEXT = 1000;
    static final int MAX_ACTOR = 128;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCases.class);
    private static final String UNAVAILABLE = "Case handling is not available right now. Please try again later.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    /** Items read per statement of an export (see {@link #exportItems}). */
    static final int EXPORT_PAGE = 500;

    private final DataSource dataSource;
    private final Transactions transactions;
    private final ContactCipher cipher;
    private final Clock clock;
    /** {@link #EXPORT_PAGE}; smaller in tests. */
    int exportPage = EXPORT_PAGE;

    @Activate
    public JdbcCases(@Reference(name = "dataSource", target = "(dataSourceName=lapor)") DataSource dataSource,
            JdbcReportStore.Config config) {
        this(dataSource, JdbcReportStore.keyFile(config.contactKeyFile()));
    }

    JdbcCases(DataSource dataSource, Path contactKeyFile) {
        this(dataSource, contactKeyFile, Clock.systemUTC());
    }

    /** {@code clock} says what "today" is for the dashboard, and when an item decision is made. */
    JdbcCases(DataSource dataSource, Path contactKeyFile, Clock clock) {
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource, LOG, UNAVAILABLE);
        this.cipher = ContactCipher.fromKeyFile(contactKeyFile);
        this.clock = clock;
        try {
            new Migrations(dataSource).migrate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the database schema (SQLState " + e.getSQLState() + ")", e);
        }
    }

    // ---- reading

    /** Some item of the report {@code report} is not classified (no row, or a removal only). */
    private static final String UNCLASSIFIED_ITEM = " (SELECT 1 FROM report_item ui WHERE ui.report_id = report.id"
            + " AND NOT EXISTS (SELECT 1 FROM classification uc WHERE uc.item_id = ui.item_id"
            + " AND uc.classification IS NOT NULL))"; // not a LEFT JOIN: Derby then scans report_item per report

    /** The queue's total counts at most this many reports past the page's offset (see {@link #queue}). */
    static final int COUNT_CAP = 1000;
    /** A text search looks at most at this many matching items' reports (see {@link #textMatches}). */
    static final int TEXT_ITEM_CAP = 1000;
    /** Items whose canonical URL one statement of a text search reads. */
    static final int TEXT_ITEM_CHUNK = 20_000;

    /**
     * The queue, in the order reports were received: by id (the writer hands ids out in commit order).
     * Each filter but text is served by an index read in order (V14): the primary key,
     * {@code report (status, id)}, {@code (pending, id)} ("not classified" is {@code pending = 1}, kept by
     * the writer and the decisions); a category or platform filter alone reads the primary key in order and
     * skips the others. Newest first: Derby reads an index in one direction only, so the statement reads a
     * window of the highest ids ({@code id > max - window}) and sorts it, the window doubling until it holds
     * the page or the whole table; no descending index costs the writer.
     * <p>{@code total} is exact when at most {@code offset + }{@value #COUNT_CAP} reports match, and that
     * bound plus one otherwise ("more than"): counting a million index entries took most of a queue call.
     * <p>Text: a valid reference that exists gives that report alone (unique index). Otherwise reference
     * and description are matched with LIKE on report (row locks only: the writer is not held up), and
     * canonical URLs by {@link #textMatches}, which never holds item's or report_item's table lock for
     * more than a short statement. Text search still reads every report row: slow at a million.
     */
    @Override
    public Page<QueueEntry> queue(QueueQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            where.append(" AND r.status = ?");
            args.add(q.status().name());
        }
        if (q.category() != null) {
            where.append(" AND r.category = ?");
            args.add(q.category().name());
        }
        if (q.platform() != null) {
            where.append(" AND r.platform_hint = ?");
            args.add(q.platform().name());
        }
        if (q.classified() != null) {
            where.append(" AND r.pending = ?");
            args.add(q.classified() ? 0 : 1);
        }
        String text = q.text() == null || q.text().isBlank() ? null : q.text().trim();
        return run("Reading the queue", c -> {
            StringBuilder filter = new StringBuilder(where);
            List<Object> values = new ArrayList<>(args);
            if (text != null) {
                String upper = text.toUpperCase(Locale.ROOT);
                if (ReferenceNumbers.isValid(upper) && exists(c, upper)) {
                    filter.append(" AND r.reference = ?");
                    values.add(upper);
                } else {
                    String like = "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
                    filter.append(" AND (LOWER(r.reference) LIKE ? ESCAPE '!' OR LOWER(r.description) LIKE ? ESCAPE '!'");
                    values.add(like);
                    values.add(like);
                    List<Long> byUrl = textMatches(c, like);
                    if (!byUrl.isEmpty()) {
                        filter.append(" OR r.id IN (").append("?, ".repeat(byUrl.size() - 1)).append("?)");
                        values.addAll(byUrl);
                    }
                    filter.append(")");
                }
            }
            return page(c, q, filter.toString(), values);
        });
    }

    private static boolean exists(Connection c, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM report WHERE reference = ?")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Reports naming an item whose canonical URL is LIKE {@code like}: item read in chunks of
     * {@value #TEXT_ITEM_CHUNK} ids, each its own statement (item is locked whole, V7: one statement over
     * all of it would stop the writer for seconds), at most {@value #TEXT_ITEM_CAP} items (the first by
     * id: the oldest); then their reports through {@code report_item (item_id)}.
     */
    private static List<Long> textMatches(Connection c, String like) throws SQLException {
        long max;
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM item"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            max = rs.getLong(1);
        }
        List<Long> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM item WHERE id > ? AND id <= ?"
                + " AND LOWER(canonical_url) LIKE ? ESCAPE '!'")) {
            for (long from = 0; from < max && items.size() < TEXT_ITEM_CAP; from += TEXT_ITEM_CHUNK) {
                ps.setLong(1, from);
                ps.setLong(2, from + TEXT_ITEM_CHUNK);
                ps.setString(3, like);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && items.size() < TEXT_ITEM_CAP) {
                        items.add(rs.getLong(1));
                    }
                }
            }
        }
        Set<Long> reports = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT report_id FROM report_item WHERE item_id = ?")) {
            for (long item : items) {
                ps.setLong(1, item);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reports.add(rs.getLong(1));
                    }
                }
            }
        }
        return new ArrayList<>(reports);
    }

    /** The smallest window of ids a newest-first statement reads. */
    static final long NEWEST_WINDOW = 256;

    /** Derby's name of report's primary key, for the optimizer hint of {@link #from}; "" when unknown. */
    private volatile String reportKey;

    /**
     * The report table of a queue statement. Filtered by category or platform alone, Derby's optimizer
     * reads the whole table and sorts; told to read the primary key in order (a comment to any other
     * database), it stops after the page (and the capped count) has been found.
     */
    private String from(Connection c, QueueQuery q) {
        if (q.status() != null || q.classified() != null || (q.category() == null && q.platform() == null)) {
            return " FROM report r";
        }
        String key = reportKey(c);
        return key.isEmpty() ? " FROM report r" : " FROM report r --DERBY-PROPERTIES constraint=\"" + key + "\"\n";
    }

    private String reportKey(Connection c) {
        String key = reportKey;
        if (key == null) {
            key = "";
            // the dialect's query (db/<dialect>/report-primary-key.sql); none: no hint
            try (InputStream in = JdbcCases.class.getResourceAsStream(
                    "/db/" + Migrations.dialect(c.getMetaData()) + "/report-primary-key.sql")) {
                if (in != null) {
                    String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "").trim();
                    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            key = rs.getString(1).trim();
                        }
                    }
                }
            } catch (IOException | SQLException | IllegalStateException e) {
                LOG.warn("No primary key name for the queue's hint ({})", e.getClass().getSimpleName());
            }
            reportKey = key;
        }
        return key;
    }

    private Page<QueueEntry> page(Connection c, QueueQuery q, String where, List<Object> args) throws SQLException {
        {
            long offset = (long) q.page() * q.size();
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT r.id" + from(c, q) + where
                    + " FETCH FIRST ? ROWS ONLY) t")) {
                setAll(ps, args);
                ps.setLong(args.size() + 1, offset + COUNT_CAP + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Long> ids = new ArrayList<>();
            List<QueueEntry> rows = new ArrayList<>();
            String select = "SELECT r.id, r.reference, r.created_at, r.channel, r.category, r.status, r.urgent" + from(c, q)
                    + where;
            if (!q.newestFirst()) {
                read(c, select + " ORDER BY r.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", args, offset, q.size(), ids, rows);
            } else {
                long max;
                try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM report"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    max = rs.getLong(1);
                }
                long window = Math.max(NEWEST_WINDOW, 4 * (offset + q.size()));
                // a full page, or all there is when the count is exact
                long wanted = total <= offset + COUNT_CAP ? Math.min(q.size(), Math.max(0, total - offset)) : q.size();
                while (true) {
                    long above = max - window;
                    List<Object> windowed = new ArrayList<>(args);
                    windowed.add(above);
                    ids.clear();
                    rows.clear();
                    read(c, select + " AND r.id > ? ORDER BY r.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", windowed,
                            offset, q.size(), ids, rows);
                    if (rows.size() >= wanted || above <= 0) {
                        break;
                    }
                    window *= 2;
                }
            }
            if (ids.isEmpty()) {
                return new Page<>(total, rows);
            }
            // item counts of the page's reports, each distinct item once
            Map<Long, Set<Long>> items = new HashMap<>();
            Map<Long, Set<Long>> unclassified = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ri.report_id, ri.item_id, c.classification"
                    + " FROM report_item ri LEFT JOIN classification c ON c.item_id = ri.item_id WHERE ri.report_id IN ("
                    + "?, ".repeat(ids.size() - 1) + "?)")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setLong(i + 1, ids.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long report = rs.getLong(1);
                        items.computeIfAbsent(report, k -> new HashSet<>()).add(rs.getLong(2));
                        if (rs.getString(3) == null) {
                            unclassified.computeIfAbsent(report, k -> new HashSet<>()).add(rs.getLong(2));
                        }
                    }
                }
            }
            List<QueueEntry> entries = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                QueueEntry e = rows.get(i);
                entries.add(new QueueEntry(e.reference(), e.createdAt(), e.channel(), e.category(), e.status(),
                        items.getOrDefault(ids.get(i), Set.of()).size(),
                        unclassified.getOrDefault(ids.get(i), Set.of()).size(), e.urgent()));
            }
            return new Page<>(total, entries);
        }
    }

    private static void read(Connection c, String sql, List<Object> args, long offset, int size, List<Long> ids,
            List<QueueEntry> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            setAll(ps, args);
            ps.setLong(args.size() + 1, offset);
            ps.setInt(args.size() + 2, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong("id"));
                    rows.add(new QueueEntry(rs.getString("reference"), Times.get(rs, "created_at"),
                            rs.getString("channel"), Category.valueOf(rs.getString("category").trim()),
                            ReportStatus.valueOf(rs.getString("status").trim()), 0, 0, rs.getInt("urgent") != 0));
                }
            }
        }
    }

    @Override
    public Optional<CaseReport> report(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        return run("Reading a report", c -> {
            long id;
            CaseReport head;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, reference, created_at, channel, category,"
                    + " platform_hint, description, language, anonymous, status, status_message, urgent FROM report"
                    + " WHERE reference = ?")) {
                ps.setString(1, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getLong("id");
                    String hint = rs.getString("platform_hint");
                    ReportStatus status = ReportStatus.valueOf(rs.getString("status").trim());
                    head = new CaseReport(rs.getString("reference"), Times.get(rs, "created_at"), rs.getString("channel"),
                            Category.valueOf(rs.getString("category").trim()),
                            hint == null ? null : PlatformHint.valueOf(hint.trim()), rs.getString("description"),
                            rs.getString("language"), rs.getBoolean("anonymous"),
                            status, shown(status, rs.getString("status_message")), List.of(), List.of(),
                            rs.getInt("urgent") != 0);
                }
            }
            Map<Long, CaseItem> items = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ri.source, ri.seen_at, i.id, i.platform, i.kind,"
                    + " i.canonical_url, i.identifiers, i.report_count, c.classification, c.classified_by,"
                    + " c.classified_at, c.removed_at FROM report_item ri JOIN item i ON i.id = ri.item_id"
                    + " LEFT JOIN classification c ON c.item_id = i.id WHERE ri.report_id = ? ORDER BY ri.position")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long itemId = rs.getLong("id");
                        if (items.containsKey(itemId)) {
                            continue; // one item given twice: shown once, where it came first
                        }
                        Timestamp seen = rs.getTimestamp("seen_at");
                        items.put(itemId, new CaseItem(itemId, rs.getString("platform"), rs.getString("kind"),
                                identifiers(rs.getString("identifiers")), rs.getString("canonical_url"),
                                ItemSource.valueOf(rs.getString("source").trim()),
                                seen == null ? null : seen.toLocalDateTime(), rs.getInt("report_count"),
                                classification(rs.getString("classification")), rs.getString("classified_by"),
                                Times.get(rs, "classified_at"), Times.get(rs, "removed_at")));
                    }
                }
            }
            List<HistoryEntry> history = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT happened_at, actor, action, detail FROM report_event"
                    + " WHERE report_id = ? ORDER BY id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        history.add(new HistoryEntry(Times.get(rs, "happened_at"), rs.getString("actor"),
                                rs.getString("action"), rs.getString("detail")));
                    }
                }
            }
            return Optional.of(new CaseReport(head.reference(), head.createdAt(), head.channel(), head.category(),
                    head.platformHint(), head.description(), head.language(), head.anonymous(), head.status(), head.statusMessage(),
                    new ArrayList<>(items.values()), history, head.urgent()));
        });
    }

    @Override
    public Optional<String> revealContact(String reference, String actor, String reason) {
        checkActor(actor);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required to reveal a contact");
        }
        checkText(reason);
        return run("Revealing a contact", c -> {
            Long id = null;
            byte[] stored = null;
            if (reference != null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT id, contact_enc FROM report WHERE reference = ?")) {
                    ps.setString(1, reference);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getLong(1);
                            stored = rs.getBytes(2);
                        }
                    }
                }
            }
            if (id == null) {
                throw new CaseNotFound("No report " + reference);
            }
            if (stored == null) {
                return Optional.empty(); // anonymous: nothing to reveal, nothing revealed
            }
            String contact;
            try {
                contact = cipher.decrypt(stored, reference);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The contact of " + reference + " cannot be decrypted: is this the right key file?");
            }
            Instant now = now();
            audit(c, now, actor, "contact-revealed", reference, "reason: " + reason);
            reportEvents(c, List.of(id), now, actor, "contact-revealed", "reason: " + reason);
            return Optional.of(contact); // only once the audit row is committed
        });
    }

    /** "Now" for every decision, reveal and audit row: the clock's, to the millisecond (as stored). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- dashboard and export

    /**
     * The period is [start of the day {@code days - 1} days before today, start of tomorrow), days in
     * {@link StatusRecord#ZONE}. Read from the daily counters alone ({@link DashboardCounts}, V13: one
     * statement over the primary key's range of the period's days, a few dozen rows a day) and the two
     * public counter rows; no report or item is read, so the cost follows the number of days, not the
     * reports, and the report writer never waits for the dashboard (row locks, held for a row at a time).
     * <ul>
     * <li>reports per day, by category and by channel: the reports received in the period (the writer counts
     * each in its batch's transaction).</li>
     * <li>items by platform and by classification: the items <em>first reported</em> in the period, counted on
     * that day (the writer, for a new item; each decision moves the item from its old classification to its
     * new one; {@code UNCLASSIFIED} without one, a removal alone included). An item first reported earlier
     * and named again in the period is not counted (it was, before V13).</li>
     * <li>medians: over the first classifications made in the period (time from the item's first report), and
     * over the removals whose recorded time falls in the period (time from the first report to it); an undo
     * takes a removal back, a removal recorded again moves it, reclassifying changes nothing. Kept as
     * histograms of log-scale buckets (whole seconds, each bucket 1.05 times as wide as the one before,
     * {@link DashboardCounts#bucket}); the median given is the middle of its bucket, so within 2.5 % of the
     * exact median, plus under a second (seconds are cut to whole ones; below one second it says 0.5 s).</li>
     * <li>removedShare: the two public counters, so all time, not the period's (the figure the public sees).</li>
     * </ul>
     */
    @Override
    public Dashboard dashboard(int days) {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days from 1 to 366");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), StatusRecord.ZONE);
        LocalDate first = today.minusDays(days - 1L);
        return run("Reading the dashboard", c -> {
            long csam = 0;
            long removedCsam = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT name, value FROM counter WHERE name IN (?, ?)")) {
                ps.setString(1, CLASSIFIED_CSAM);
                ps.setString(2, REMOVED_CSAM);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (CLASSIFIED_CSAM.equals(rs.getString(1).trim())) {
                            csam = rs.getLong(2);
                        } else {
                            removedCsam = rs.getLong(2);
                        }
                    }
                }
            }
            double removedShare = csam == 0 ? 0 : Math.min(1, (double) removedCsam / csam);
            return DashboardCounts.read(c, first, days, removedShare);
        });
    }

    /**
     * Read in pages of {@link #EXPORT_PAGE} items by item id ({@code id > last ... FETCH FIRST n ROWS ONLY}),
     * each page one statement in a transaction of its own, handed to the sink once its result set is closed.
     * Not one result set for the whole export: item is locked whole (V7), and a statement reading it holds
     * a shared lock to its end, so a slow sink (an HTTP download) would stop the report writer for as long
     * as it takes. This way the writer waits at most for one page, at most a page is held in memory, and a
     * lock timeout or deadlock retries the page, never delivering a row twice. Items stored while the
     * export runs appear if their id comes after the page being read. No index on first_reported_at (each
     * index costs the writer per item): from/to filter the pages, so an export reads item from the first
     * id once. Never a contact, description or input text: only item and classification columns are read.
     */
    @Override
    public void exportItems(Instant from, Instant to, Classification classification, Consumer<ExportRow> sink) {
        Objects.requireNonNull(sink, "sink");
        StringBuilder sql = new StringBuilder("SELECT i.id, i.platform, i.kind, i.canonical_url, i.identifiers,"
                + " i.first_reported_at, i.last_reported_at, i.report_count, c.classification, c.removed_at FROM item i");
        sql.append(classification == null ? " LEFT JOIN" : " JOIN").append(" classification c ON c.item_id = i.id");
        sql.append(" WHERE i.id > ?");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND i.first_reported_at >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" AND i.first_reported_at < ?");
            args.add(to);
        }
        if (classification != null) {
            sql.append(" AND c.classification = ?");
            args.add(classification.name());
        }
        sql.append(" ORDER BY i.id FETCH FIRST ? ROWS ONLY");
        int size = exportPage;
        long last = 0; // ids start at 1
        while (true) {
            long after = last;
            List<ExportRow> page = run("Exporting items", c -> {
                List<ExportRow> rows = new ArrayList<>(size);
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    ps.setLong(1, after);
                    for (int i = 0; i < args.size(); i++) {
                        if (args.get(i) instanceof Instant instant) {
                            Times.set(ps, i + 2, instant);
                        } else {
                            ps.setString(i + 2, (String) args.get(i));
                        }
                    }
                    ps.setInt(args.size() + 2, size);
                    ps.setFetchSize(size);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new ExportRow(rs.getLong("id"), rs.getString("platform"), rs.getString("kind"),
                                    rs.getString("canonical_url"), identifiers(rs.getString("identifiers")),
                                    classification(rs.getString("classification")), Times.get(rs, "removed_at"),
                                    Times.get(rs, "first_reported_at"), Times.get(rs, "last_reported_at"),
                                    rs.getInt("report_count")));
                        }
                    }
                }
                return rows;
            });
            for (ExportRow row : page) {
                sink.accept(row);
            }
            if (page.size() < size) {
                return;
            }
            last = page.get(page.size() - 1).itemId();
        }
    }

    // ---- item decisions

    /** An item as stored (only the writer writes it). */
    private record ItemRow(long id, String platform, String kind, String canonicalUrl, String identifiers,
            String dedupKey, int reportCount, Instant firstReportedAt) {
    }

    /** An item's classification row; all null when it has none ({@code stored} false). */
    private record Decision(boolean stored, String classification, String classifiedBy, Instant classifiedAt,
            Instant removedAt) {

        boolean csam() {
            Classification c = JdbcCases.classification(classification);
            return c != null && c.isCsam();
        }

        boolean removedCsam() {
            return csam() && removedAt != null;
        }
    }

    /** What a decision does: the row after it, the action's name and its detail. */
    private record Change(Decision after, String action, String detail, String note, String event) {
    }

    private interface Decide {
        /** The change, or null when there is nothing to change. */
        Change apply(Decision before, Instant now);
    }

    @Override
    public CaseItem classify(long itemId, Classification classification, String note, String actor) {
        Objects.requireNonNull(classification, "classification");
        checkActor(actor);
        checkText(note);
        return decide("Classifying an item", itemId, actor, (before, now) -> new Change(
                new Decision(true, classification.name(), actor, now, before.removedAt()),
                "item-classified", classification.name(), note, EVENT_ITEM_CLASSIFIED));
    }

    @Override
    public CaseItem recordRemoval(long itemId, Instant removedAt, String note, String actor) {
        checkActor(actor);
        checkText(note);
        return decide("Recording a removal", itemId, actor, (before, now) -> {
            Instant at = removedAt == null ? now : removedAt.truncatedTo(ChronoUnit.MILLIS);
            return new Change(new Decision(true, before.classification(), before.classifiedBy(), before.classifiedAt(), at),
                    "item-removed", "removed at " + at, note, EVENT_ITEM_REMOVED);
        });
    }

    @Override
    public CaseItem undoRemoval(long itemId, String actor) {
        checkActor(actor);
        return decide("Undoing a removal", itemId, actor, (before, now) -> before.removedAt() == null ? null
                : new Change(new Decision(true, before.classification(), before.classifiedBy(), before.classifiedAt(), null),
                        "removal-undone", "removal undone", null, EVENT_ITEM_REMOVED));
    }

    private CaseItem decide(String what, long itemId, String actor, Decide decide) {
        return run(what, c -> {
            lockItems(c);
            ItemRow item = item(c, itemId);
            List<Naming> naming = reportsNaming(c, itemId);
            List<Long> reports = naming.stream().map(Naming::id).toList();
            lockItemDecisions(c);
            Decision before = decision(c, itemId);
            Instant now = now();
            Change change = decide.apply(before, now);
            if (change == null) {
                return caseItem(item, before);
            }
            Decision after = change.after();
            reportEvents(c, reports, now, actor, change.action(), "item " + itemId + ": " + change.detail());
            history(c, itemId, change, actor, now);
            audit(c, now, actor, change.action(), "item:" + itemId, change.detail());
            addTo(c, CLASSIFIED_CSAM, (after.csam() ? 1 : 0) - (before.csam() ? 1 : 0));
            addTo(c, REMOVED_CSAM, (after.removedCsam() ? 1 : 0) - (before.removedCsam() ? 1 : 0));
            store(c, itemId, before.stored(), after);
            if ((before.classification() == null) != (after.classification() == null)) {
                markPending(c, reports, after.classification() == null);
            }
            outbox(c, change.event(), "item-" + itemId, null, itemPayload(item, after, references(naming), now));
            // the dashboard's counters last, after the outbox id, as the writer adds its batch's
            DashboardCounts counts = new DashboardCounts();
            counts.decision(item.firstReportedAt(), before.classification(), after.classification(), before.removedAt(),
                    after.removedAt(), now);
            counts.write(c);
            return caseItem(item, after);
        });
    }

    private ItemRow item(Connection c, long itemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT platform, kind, canonical_url, identifiers, dedup_key,"
                + " report_count, first_reported_at FROM item WHERE id = ?")) {
            ps.setLong(1, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new CaseNotFound("No item " + itemId);
                }
                return new ItemRow(itemId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), Times.get(rs, "first_reported_at"));
            }
        }
    }

    /**
     * A shared lock on item to the commit: the report writer (which holds item's table lock, V7, from its
     * first item to its commit) waits for this decision, and this decision for the writer's batch, before
     * anything else. So the writer, which reads the classifications of the items it found stored to set
     * {@code report.pending} (V11), never reads one half decided, and this decision sees in report_item
     * every report the writer has committed. Taken first, while this transaction holds nothing: the writer
     * and a decision never wait for each other in a cycle. The writer waits for at most one decision.
     */
    private static void lockItems(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("LOCK TABLE item IN SHARE MODE")) {
            ps.execute();
        }
    }

    /**
     * {@code report.pending} of the reports naming an item whose classification came or went: 1 when it
     * went; when it came, 0 for those whose every item now has one. Exact, as the writer and the
     * decisions are kept apart by {@link #lockItems}.
     */
    private static void markPending(Connection c, List<Long> reports, boolean unclassified) throws SQLException {
        String sql = unclassified ? "UPDATE report SET pending = 1 WHERE id = ? AND pending = 0"
                : "UPDATE report SET pending = 0 WHERE id = ? AND pending = 1 AND NOT EXISTS" + UNCLASSIFIED_ITEM;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (long report : reports) {
                ps.setLong(1, report);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A report naming an item: its id, reference and status. */
    private record Naming(long id, String reference, ReportStatus status) {
    }

    /**
     * The reports naming an item now, by id (the order received). One arriving after this read gets no
     * history row for this decision and is not in its event's references. One statement: report_item by its
     * item index, each report by its primary key (row locks).
     */
    private static List<Naming> reportsNaming(Connection c, long itemId) throws SQLException {
        List<Naming> reports = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT r.id, r.reference, r.status FROM report_item ri"
                + " JOIN report r ON r.id = ri.report_id WHERE ri.item_id = ? ORDER BY r.id")) {
            ps.setLong(1, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reports.add(new Naming(rs.getLong(1), rs.getString(2).trim(), ReportStatus.valueOf(rs.getString(3).trim())));
                }
            }
        }
        return reports;
    }

    /** The references of {@code reports}, sorted (an item event's {@code references}). */
    private static List<String> references(List<Naming> reports) {
        return reports.stream().map(Naming::reference).sorted().distinct().toList();
    }

    /**
     * Item decisions run one at a time: each locks the counter row of classified CSAM first (to its commit),
     * so it reads the classification it replaces and the counters stay exact. Analysts decide at human pace;
     * the report writer never touches this row.
     */
    private static void lockItemDecisions(Connection c) throws SQLException {
        addTo(c, CLASSIFIED_CSAM, 0);
    }

    private static Decision decision(Connection c, long itemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT classification, classified_by, classified_at, removed_at"
                + " FROM classification WHERE item_id = ?")) {
            ps.setLong(1, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Decision(false, null, null, null, null);
                }
                String value = rs.getString("classification");
                return new Decision(true, value == null ? null : value.trim(), rs.getString("classified_by"),
                        Times.get(rs, "classified_at"), Times.get(rs, "removed_at"));
            }
        }
    }

    private static void store(Connection c, long itemId, boolean stored, Decision d) throws SQLException {
        String sql = stored
                ? "UPDATE classification SET classification = ?, classified_by = ?, classified_at = ?, removed = ?,"
                        + " removed_at = ? WHERE item_id = ?"
                : "INSERT INTO classification (classification, classified_by, classified_at, removed, removed_at, item_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, d.classification());
            ps.setString(2, d.classifiedBy());
            setInstant(ps, 3, d.classifiedAt());
            ps.setBoolean(4, d.removedAt() != null);
            setInstant(ps, 5, d.removedAt());
            ps.setLong(6, itemId);
            ps.executeUpdate();
        }
    }

    private static void history(Connection c, long itemId, Change change, String actor, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO classification_history (item_id, action,"
                + " classification, note, actor, happened_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, itemId);
            ps.setString(2, change.action());
            ps.setString(3, change.after().classification());
            ps.setString(4, change.note());
            ps.setString(5, actor);
            Times.set(ps, 6, now);
            ps.executeUpdate();
        }
    }

    private static void addTo(Connection c, String counter, long delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE counter SET value = value + ? WHERE name = ?")) {
            ps.setLong(1, delta);
            ps.setString(2, counter);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("Counter " + counter + " is missing");
            }
        }
    }

    private static String itemPayload(ItemRow item, Decision d, List<String> references, Instant now) {
        ObjectNode p = JSON.createObjectNode();
        p.put("version", 1);
        p.put("itemId", item.id());
        p.put("platform", item.platform());
        p.put("kind", item.kind());
        p.put("canonicalUrl", item.canonicalUrl());
        p.set("identifiers", JSON.valueToTree(identifiers(item.identifiers())));
        p.put("dedupKey", item.dedupKey());
        p.put("classification", d.classification());
        p.put("removed", d.removedAt() != null);
        p.put("removedAt", d.removedAt() == null ? null : d.removedAt().toString());
        p.set("references", JSON.valueToTree(references));
        p.put("at", now.toString());
        return p.toString();
    }

    private static CaseItem caseItem(ItemRow item, Decision d) {
        return new CaseItem(item.id(), item.platform(), item.kind(), identifiers(item.identifiers()), item.canonicalUrl(),
                null, null, item.reportCount(), classification(d.classification()), d.classifiedBy(), d.classifiedAt(),
                d.removedAt());
    }

    // ---- status

    @Override
    public StatusMessage changeStatus(String reference, ReportStatus to, StatusMessage message, String actor) {
        Objects.requireNonNull(to, "to");
        checkActor(actor);
        StatusMessage shown = message == null ? StatusMessage.defaultFor(to) : message;
        if (shown.status() != to) {
            throw new IllegalArgumentException("The message " + shown.key() + " is not one of " + to + "'s");
        }
        return run("Changing a status", c -> {
            long id;
            ReportStatus from;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, status FROM report WHERE reference = ?")) {
                ps.setString(1, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    if (reference == null || !rs.next()) {
                        throw new CaseNotFound("No report " + reference);
                    }
                    id = rs.getLong(1);
                    from = ReportStatus.valueOf(rs.getString(2).trim());
                }
            }
            if (!Transitions.allowed(from, to)) {
                throw new TransitionNotAllowed(from, to);
            }
            Instant now = now();
            String payload = moveStatus(c, id, reference, from, to, shown, actor, now);
            outbox(c, EVENT_STATUS_CHANGED, "status-" + reference, reference, payload);
            return shown;
        });
    }

    /**
     * Every report naming the item that is RECEIVED or UNDER_REVIEW moves on to REFERRED with the default
     * message, a RECEIVED one through UNDER_REVIEW: each step as {@link #changeStatus} writes it (the report,
     * its history, the audit log, a {@code report.status-changed} event). One transaction: the reports in id
     * order, then the events (their outbox ids last, as every decision takes them). It reads report_item in
     * one short statement and takes no lock on item: a report stored after that read is not moved.
     */
    @Override
    public List<String> referReportsNaming(long itemId, String actor) {
        checkActor(actor);
        return run("Referring the reports naming an item", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM item WHERE id = ?")) {
                ps.setLong(1, itemId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new CaseNotFound("No item " + itemId);
                    }
                }
            }
            Instant now = now();
            List<String> moved = new ArrayList<>();
            List<String[]> events = new ArrayList<>(); // reference, payload
            for (Naming report : reportsNaming(c, itemId)) {
                ReportStatus from = report.status();
                if (from != ReportStatus.RECEIVED && from != ReportStatus.UNDER_REVIEW) {
                    continue;
                }
                while (from != ReportStatus.REFERRED) {
                    ReportStatus to = ReportStatus.values()[from.ordinal() + 1];
                    events.add(new String[] {report.reference(), moveStatus(c, report.id(), report.reference(), from, to,
                            StatusMessage.defaultFor(to), actor, now)});
                    from = to;
                }
                moved.add(report.reference());
            }
            for (String[] event : events) {
                outbox(c, EVENT_STATUS_CHANGED, "status-" + event[0], event[0], event[1]);
            }
            return moved;
        });
    }

    /**
     * One status step of a report: the row (only while it still has status {@code from}; else 40001, and
     * {@link #run} reads it again), its history and the audit log. Returns the payload of its
     * {@code report.status-changed} event, which the caller inserts ({@link #outbox}) after its other writes.
     */
    private static String moveStatus(Connection c, long id, String reference, ReportStatus from, ReportStatus to,
            StatusMessage shown, String actor, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE report SET status = ?, status_message = ?, updated_at = ? WHERE id = ? AND status = ?")) {
            ps.setString(1, to.name());
            ps.setString(2, shown.key());
            Times.set(ps, 3, now);
            ps.setLong(4, id);
            ps.setString(5, from.name());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("The status changed meanwhile", "40001"); // read it again
            }
        }
        String detail = from + " -> " + to + " (" + shown.key() + ")";
        reportEvents(c, List.of(id), now, actor, "status-changed", detail);
        audit(c, now, actor, "status-changed", reference, detail);
        ObjectNode p = JSON.createObjectNode();
        p.put("version", 1);
        p.put("reference", reference);
        p.put("from", from.name());
        p.put("to", to.name());
        p.put("messageKey", shown.key());
        p.put("at", now.toString());
        return p.toString();
    }

    /** The message a reporter sees: the stored one while it belongs to the status, else the default. */
    private static StatusMessage shown(ReportStatus status, String stored) {
        StatusMessage m = StatusMessage.forKey(stored);
        return m != null && m.status() == status ? m : StatusMessage.defaultFor(status);
    }

    // ---- audit log

    @Override
    public void audit(String actor, String action, String target, String detail) {
        checkActor(actor);
        Objects.requireNonNull(action, "action");
        checkText(detail);
        run("Writing the audit log", c -> {
            audit(c, now(), actor, action, target, detail);
            return null;
        });
    }

    @Override
    public Page<AuditEntry> audit(AuditQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            where.append(" AND happened_at >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            where.append(" AND happened_at < ?");
            args.add(q.to());
        }
        if (q.actor() != null) {
            where.append(" AND actor = ?");
            args.add(q.actor());
        }
        return run("Reading the audit log", c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_log" + where)) {
                setAll(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, happened_at, actor, action, target, detail"
                    + " FROM audit_log" + where + " ORDER BY happened_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                setAll(ps, args);
                ps.setLong(args.size() + 1, (long) q.page() * q.size());
                ps.setInt(args.size() + 2, q.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new AuditEntry(rs.getLong("id"), Times.get(rs, "happened_at"), rs.getString("actor"),
                                rs.getString("action"), rs.getString("target"), rs.getString("detail")));
                    }
                }
            }
            return new Page<>(total, entries);
        });
    }

    private static void audit(Connection c, Instant at, String actor, String action, String target, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (happened_at, actor, action, target, detail)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            Times.set(ps, 1, at);
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, detail);
            ps.executeUpdate();
        }
    }

    private static void reportEvents(Connection c, List<Long> reports, Instant at, String actor, String action,
            String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_event (report_id, happened_at, actor, action,"
                + " detail) VALUES (?, ?, ?, ?, ?)")) {
            for (long report : reports) {
                ps.setLong(1, report);
                Times.set(ps, 2, at);
                ps.setString(3, actor);
                ps.setString(4, action);
                ps.setString(5, detail);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Inserts a partner event. Its id comes from {@code outbox_ids}, as the report writer's do
     * ({@link Batch#nextOutboxId}): taken last in the transaction, so its row lock is held only briefly.
     */
    private static void outbox(Connection c, String type, String keyPrefix, String reference, String payload)
            throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(Batch.TAKE_OUTBOX_IDS)) {
            ps.setInt(1, 1);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("outbox_ids must hold one row");
            }
        }
        try (PreparedStatement ps = c.prepareStatement(Batch.LAST_OUTBOX_ID); ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (event_type, idempotency_key, reference,"
                + " payload, created_at, id) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, type);
            ps.setString(2, keyPrefix + "-" + id);
            if (reference == null) {
                ps.setNull(3, Types.CHAR);
            } else {
                ps.setString(3, reference);
            }
            ps.setString(4, payload);
            Times.set(ps, 5, Times.now());
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    // ---- helpers

    private <R> R run(String what, Transactions.Work<R> work) {
        return transactions.run(what, work);
    }

    private static void setAll(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Instant instant) {
                Times.set(ps, i + 1, instant);
            } else if (args.get(i) instanceof Number n) {
                ps.setLong(i + 1, n.longValue());
            } else {
                ps.setString(i + 1, (String) args.get(i));
            }
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            Times.set(ps, index, instant);
        }
    }

    /** A LIKE pattern matching {@code text} literally, with '!' as the escape character. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** A stored classification; null when there is none or it is one this version does not know. */
    static Classification classification(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Classification.valueOf(stored.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> identifiers(String stored) {
        try {
            return JSON.readValue(stored, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored identifiers are not JSON");
        }
    }

    private static void checkActor(String actor) {
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR) {
            throw new IllegalArgumentException("An actor of 1 to " + MAX_ACTOR + " characters is required");
        }
    }

    private static void checkText(String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("At most " + MAX_TEXT + " characters");
        }
    }
}
