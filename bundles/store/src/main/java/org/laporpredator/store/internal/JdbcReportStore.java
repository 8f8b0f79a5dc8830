package org.laporpredator.store.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.laporpredator.api.IdempotencyKey;
import org.laporpredator.api.NewItem;
import org.laporpredator.api.NewReport;
import org.laporpredator.api.ReferenceIssuer;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.ReportStore;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusMessage;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.spi.Events;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report store on the DataSource {@code lapor}. A report, its items and its outbox event are
 * written in one transaction; the reference is returned only after the commit.
 *
 * <p>Never logs contact details, descriptions or database error messages (which can quote the values
 * that failed); failures are logged by SQLState only.
 */
@Component(service = ReportStore.class, configurationPid = JdbcReportStore.PID)
@Designate(ocd = JdbcReportStore.Config.class)
public class JdbcReportStore implements ReportStore {

    public static final String PID = "org.laporpredator.store";

    static final String EVENT_REPORT_RECEIVED = Events.REPORT_RECEIVED;
    static final int MAX_REFERENCE_DRAWS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcReportStore.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_BATCH = 128;
    private static final int QUEUE_CAPACITY = 10_000;
    private static final String NOT_STORED = GroupCommit.NOT_STORED;
    private static final HexFormat HEX = HexFormat.of();
    /** How long an idempotency key is kept. */
    static final Duration IDEMPOTENCY_KEPT = Duration.ofHours(24);

    @ObjectClassDefinition(name = "Lapor Predator store", description = "JDBC store of reports, items and the partner outbox")
    public @interface Config {
        @AttributeDefinition(name = "Contact key file", required = false,
                description = "File holding the AES-256 key that encrypts reporter contacts; created on first start. "
                        + "Empty means <karaf.etc>/lapor-contact.key. Back it up: without it stored contacts cannot be read.")
        String contactKeyFile() default "";
    }

    private final DataSource dataSource;
    private final ContactCipher cipher;
    private final ObjectMapper json = new ObjectMapper();
    private final TakenReferences taken;
    private final KnownItems knownItems; // the writer thread's only
    private final GroupCommit<Job> writer;
    /** What "now" is for a report's times and its dashboard day. */
    private final Clock clock;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lapor-store-housekeeping");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public JdbcReportStore(@Reference(name = "dataSource", target = "(dataSourceName=lapor)") DataSource dataSource,
            Config config) {
        this(dataSource, keyFile(config.contactKeyFile()));
    }

    JdbcReportStore(DataSource dataSource, Path contactKeyFile) {
        this(dataSource, contactKeyFile, Clock.systemUTC());
    }

    /** {@code clock}: the time of each report saved (tests set it). */
    JdbcReportStore(DataSource dataSource, Path contactKeyFile, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.cipher = ContactCipher.fromKeyFile(contactKeyFile);
        try {
            new Migrations(dataSource).migrate();
            try (Connection c = dataSource.getConnection()) {
                Batch.catchUpOutboxIds(c);
            }
            this.taken = TakenReferences.load(dataSource);
            this.knownItems = KnownItems.load(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the database: its schema or its references (SQLState " + e.getSQLState() + ")", e);
        }
        this.writer = new GroupCommit<>(dataSource, this::write, MAX_BATCH, QUEUE_CAPACITY);
        this.housekeeping.scheduleWithFixedDelay(() -> purgeIdempotencyKeys(Times.now()), 1, 60, TimeUnit.MINUTES);
    }

    static Path keyFile(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim());
        }
        return Paths.get(System.getProperty("karaf.etc", "etc"), "lapor-contact.key");
    }

    /**
     * A report made ready on the caller's thread (item hashes, a first reference, the encrypted contact,
     * the partner event) so that the single writer thread does little but the database work.
     */
    private record Job(NewReport report, ReferenceIssuer references, Instant now, List<String> hashes, Drawn first) {
    }

    /** What depends on the reference: the contact is encrypted with it, the partner event names it. */
    private record Drawn(String reference, byte[] contact, String payload, int draws) {
    }

    @Override
    public String save(NewReport report, ReferenceIssuer references) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> hashes = new ArrayList<>();
        for (NewItem item : report.items()) {
            hashes.add(keyHash(item.dedupKey()));
        }
        return writer.submit(new Job(report, references, now, hashes, draw(report, references, hashes, now, 0)));
    }

    /** A reference not known to be taken, with what depends on it; {@code draws} counts toward the cap. */
    private Drawn draw(NewReport report, ReferenceIssuer references, List<String> hashes, Instant now, int draws) {
        String reference;
        do {
            if (draws == MAX_REFERENCE_DRAWS) {
                LOG.warn("No free reference after {} draws", MAX_REFERENCE_DRAWS);
                throw new ServiceUnavailable(NOT_STORED);
            }
            reference = references.next();
            draws++;
            if (!ReferenceNumbers.isValid(reference)) {
                throw new IllegalStateException("The reference issuer gave a malformed reference");
            }
        } while (taken.isTaken(reference));
        byte[] contact = hasContact(report) ? cipher.encrypt(report.contact(), reference) : null;
        return new Drawn(reference, contact, payload(reference, report, hashes, now), draws);
    }

    @Deactivate
    void close() {
        housekeeping.shutdownNow();
        writer.close();
    }

    /** Writes one report inside the writer's open transaction. */
    private String write(Batch c, Job job) throws SQLException {
        boolean[] inserted = new boolean[1];
        Map<String, Long> itemIds = upsertItems(c, job.report().items(), job.hashes(), job.now(), inserted);
        SavedReport saved = insertReport(c, job, inserted[0] ? 1 : pending(c, itemIds));
        linkItems(c, saved.id(), job.report().items(), job.hashes(), itemIds);
        insertOutbox(c, saved.drawn(), job.now());
        if (job.report().idempotency() != null) {
            insertIdempotencyKey(c, job.report().idempotency(), saved.drawn().reference(), job.now());
        }
        c.reportCounts().report(job.now(), job.report().category().name(), job.report().channel());
        return saved.drawn().reference();
    }

    private record SavedReport(long id, Drawn drawn) {
    }

    /**
     * {@code report.pending} (V11): 1 while some item of the report has no classification. A new item has
     * none (then this is not called); when every item was found already stored, their classifications are
     * read (one statement).
     * Called after the items are upserted: the writer then holds item's table lock (V7) to its commit, and
     * every item decision holds a shared lock on item for its whole transaction ({@link JdbcCases}), so no
     * decision is half done while this reads, and the next one sees this report in report_item.
     */
    private static int pending(Batch c, Map<String, Long> itemIds) throws SQLException {
        if (itemIds.isEmpty()) {
            return 0;
        }
        PreparedStatement ps = c.prepare("SELECT COUNT(*) FROM classification WHERE classification IS NOT NULL"
                + " AND item_id IN (" + "?, ".repeat(itemIds.size() - 1) + "?)");
        int i = 1;
        for (long id : itemIds.values()) {
            ps.setLong(i++, id);
        }
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) < itemIds.size() ? 1 : 0;
        }
    }

    private SavedReport insertReport(Batch c, Job job, int pending) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO report (reference, channel, category, platform_hint, description,"
                + " language, anonymous, contact_enc, status, created_at, updated_at, pending, urgent, id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        long id = c.nextId("report");
        NewReport report = job.report();
        Instant now = job.now();
        Drawn drawn = job.first();
        while (true) {
            ps.setString(1, drawn.reference());
            ps.setString(2, report.channel());
            ps.setString(3, report.category().name());
            ps.setString(4, report.platformHint() == null ? null : report.platformHint().name());
            ps.setString(5, report.description());
            ps.setString(6, report.language());
            ps.setBoolean(7, report.anonymous());
            if (drawn.contact() != null) {
                ps.setBytes(8, drawn.contact());
            } else {
                ps.setNull(8, Types.VARBINARY);
            }
            ps.setString(9, ReportStatus.RECEIVED.name());
            Times.set(ps, 10, now);
            Times.set(ps, 11, now);
            ps.setInt(12, pending);
            ps.setInt(13, report.urgent() ? 1 : 0);
            ps.setLong(14, id);
            boolean inserted = insertUnlessDuplicate(ps);
            taken.take(drawn.reference());
            if (inserted) {
                return new SavedReport(id, drawn);
            }
            LOG.debug("Reference already taken; drawing another");
            drawn = draw(report, job.references(), job.hashes(), now, drawn.draws());
        }
    }

    private static boolean hasContact(NewReport report) {
        return !report.anonymous() && report.contact() != null && !report.contact().isBlank();
    }

    // One row per distinct item, upserted in key-hash order so concurrent reports lock items in the same order.
    // inserted[0]: set when one of them is new
    private Map<String, Long> upsertItems(Batch c, List<NewItem> items, List<String> hashes, Instant now,
            boolean[] inserted) throws SQLException {
        Map<String, NewItem> distinct = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            distinct.putIfAbsent(hashes.get(i), items.get(i));
        }
        Map<String, Long> ids = new HashMap<>();
        for (Map.Entry<String, NewItem> e : distinct.entrySet()) {
            ids.put(e.getKey(), upsertItem(c, e.getKey(), e.getValue(), now, inserted));
        }
        return ids;
    }

    private long upsertItem(Batch c, String keyHash, NewItem item, Instant now, boolean[] inserted) throws SQLException {
        byte[] key = HEX.parseHex(keyHash);
        if (knownItems.mightContain(key)) {
            Long id = findItem(c, key);
            if (id != null) {
                countAgain(c, id, now);
                return id;
            }
        }
        knownItems.add(key);
        PreparedStatement ps = c.prepare("INSERT INTO item (key_hash, dedup_key, platform, kind, canonical_url,"
                + " identifiers, report_count, first_reported_at, last_reported_at, id) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)");
        long newId = c.nextId("item");
        ps.setBytes(1, key);
        ps.setString(2, item.dedupKey());
        ps.setString(3, item.platform());
        ps.setString(4, item.kind());
        ps.setString(5, item.canonicalUrl());
        ps.setString(6, toJson(new TreeMap<>(item.identifiers())));
        Times.set(ps, 7, now);
        Times.set(ps, 8, now);
        ps.setLong(9, newId);
        if (insertUnlessDuplicate(ps)) {
            inserted[0] = true;
            c.reportCounts().newItem(now, item.platform()); // first reported now
            return newId;
        }
        // stored without the filter knowing: behind the store's back
        Long id = findItem(c, key);
        if (id == null) {
            throw new SQLException("Item neither insertable nor present", "40001");
        }
        countAgain(c, id, now);
        return id;
    }

    /** The id of the item with this key hash, or null when there is none yet. */
    private static Long findItem(Batch c, byte[] key) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT id FROM item WHERE key_hash = ?");
        ps.setBytes(1, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    /** Counts one more report for an existing item. */
    private static void countAgain(Batch c, long id, Instant now) throws SQLException {
        PreparedStatement ps = c.prepare("UPDATE item SET report_count = report_count + 1, last_reported_at = ? WHERE id = ?");
        Times.set(ps, 1, now);
        ps.setLong(2, id);
        if (ps.executeUpdate() != 1) {
            throw new SQLException("Item vanished while counted", "40001");
        }
    }

    private static void linkItems(Batch c, long reportId, List<NewItem> items, List<String> hashes,
            Map<String, Long> itemIds) throws SQLException {
        {
            PreparedStatement ps = c.prepare(
                "INSERT INTO report_item (report_id, item_id, position, input_text, source, seen_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)");
            for (int i = 0; i < items.size(); i++) {
                NewItem item = items.get(i);
                ps.setLong(1, reportId);
                ps.setLong(2, itemIds.get(hashes.get(i)));
                ps.setInt(3, i);
                ps.setString(4, item.input());
                ps.setString(5, item.source().name());
                if (item.seenAt() == null) {
                    ps.setNull(6, java.sql.Types.TIMESTAMP);
                } else {
                    ps.setTimestamp(6, java.sql.Timestamp.valueOf(item.seenAt()));
                }
                ps.executeUpdate();
            }
        }
    }

    private static void insertOutbox(Batch c, Drawn drawn, Instant now) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO outbox (event_type, idempotency_key, reference,"
            + " payload, created_at, id) VALUES (?, ?, ?, ?, ?, ?)");
        ps.setString(1, EVENT_REPORT_RECEIVED);
        ps.setString(2, "report-" + drawn.reference());
        ps.setString(3, drawn.reference());
        ps.setString(4, drawn.payload());
        Times.set(ps, 5, now);
        ps.setLong(6, c.nextOutboxId());
        ps.executeUpdate();
    }

    private static void insertIdempotencyKey(Batch c, IdempotencyKey key, String reference, Instant now)
            throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO idempotency_key (key_hash, fingerprint, reference, created_at)"
                + " VALUES (?, ?, ?, ?)");
        ps.setString(1, key.keyHash());
        ps.setString(2, key.fingerprint());
        ps.setString(3, reference);
        Times.set(ps, 4, now);
        ps.executeUpdate(); // a key taken meanwhile (another node) fails this report alone: the retry finds the first
    }

    @Override
    public Optional<IdempotencyKey.Stored> idempotent(String keyHash) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT reference, fingerprint FROM idempotency_key WHERE key_hash = ? AND created_at > ?")) {
            ps.setString(1, keyHash);
            Times.set(ps, 2, Times.now().minus(IDEMPOTENCY_KEPT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new IdempotencyKey.Stored(rs.getString(1), rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.warn("Idempotency key lookup failed (SQLState {})", e.getSQLState());
            throw new ServiceUnavailable(NOT_STORED);
        }
    }

    /** Forgets idempotency keys older than a day. */
    int purgeIdempotencyKeys(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_key WHERE created_at <= ?")) {
            Times.set(ps, 1, now.minus(IDEMPOTENCY_KEPT));
            return ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Forgetting old idempotency keys failed (SQLState {})", e.getSQLState());
            return 0;
        }
    }

    /**
     * What partners get ({@link Events#REPORT_RECEIVED}): no contact, no description. Each distinct item once,
     * in the order reported.
     */
    private String payload(String reference, NewReport report, List<String> hashes, Instant now) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeStringField("reference", reference);
            g.writeStringField("category", report.category().name());
            g.writeStringField("platformHint", report.platformHint() == null ? null : report.platformHint().name());
            g.writeStringField("language", report.language());
            g.writeBooleanField("urgent", report.urgent());
            g.writeStringField("createdAt", now.toString());
            g.writeArrayFieldStart("items");
            Set<String> written = new HashSet<>();
            for (int i = 0; i < report.items().size(); i++) {
                if (!written.add(hashes.get(i))) {
                    continue;
                }
                NewItem item = report.items().get(i);
                g.writeStartObject();
                g.writeStringField("platform", item.platform());
                g.writeStringField("kind", item.kind());
                g.writeStringField("canonicalUrl", item.canonicalUrl());
                g.writeObjectFieldStart("identifiers");
                for (Map.Entry<String, String> e : new TreeMap<>(item.identifiers()).entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeStringField("dedupKey", item.dedupKey());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JSON", e);
        }
        return out.toString();
    }

    @Override
    public Optional<StatusRecord> status(String reference) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT status, updated_at, status_message FROM report WHERE reference = ?")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StatusRecord(reference, ReportStatus.valueOf(rs.getString("status").trim()),
                        Times.get(rs, "updated_at"), StatusMessage.forKey(rs.getString("status_message"))));
            }
        } catch (SQLException e) {
            LOG.warn("Status lookup failed (SQLState {})", e.getSQLState());
            throw new ServiceUnavailable("Status lookups are not available right now. Please try again later.");
        }
    }

    @Override
    public Stats stats() {
        try (Connection c = dataSource.getConnection()) {
            // the CSAM counters are kept exact by each decision (JdbcCases); reports are counted
            return new Stats(
                    count(c, "SELECT COUNT(*) FROM report"),
                    count(c, "SELECT value FROM counter WHERE name = '" + JdbcCases.CLASSIFIED_CSAM + "'"),
                    count(c, "SELECT value FROM counter WHERE name = '" + JdbcCases.REMOVED_CSAM + "'"));
        } catch (SQLException e) {
            LOG.warn("Counting failed (SQLState {})", e.getSQLState());
            throw new ServiceUnavailable("The counters are not available right now. Please try again later.");
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public boolean isHealthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Runs an insert; false, with the insert undone, when it broke a unique constraint. Derby (the only
     * dialect {@link Migrations} knows) undoes just the failed statement; a dialect that aborts the whole
     * transaction instead (PostgreSQL) will need a savepoint around the insert here.
     */
    private static boolean insertUnlessDuplicate(PreparedStatement ps) throws SQLException {
        try {
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            return false;
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /** SHA-256 of the dedup key, as 64 lower-case hex digits (stored as its 32 bytes). */
    static String keyHash(String dedupKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dedupKey.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
