package org.laporpredator.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.cases.Page;
import org.laporpredator.api.delivery.Claimed;
import org.laporpredator.api.delivery.Deliveries;
import org.laporpredator.api.delivery.Delivery;
import org.laporpredator.api.delivery.DeliveryState;
import org.laporpredator.spi.OutboxEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery records on the DataSource {@code lapor} (V15: {@code delivery}, {@code delivery_cursor}). Every
 * change is a short transaction on a connection of its own; what an instance keeps in memory (the partners
 * whose cursor exists, the floors of the due index, recent outbox events, completions waiting for their
 * batch) is only ever a shortcut, so any number of instances (dispatchers, nodes) may share the database.
 *
 * <ul>
 * <li><b>Fan-out</b> reads the outbox after each partner's cursor, inserts the records the partner wants and
 * moves its cursor with a conditional update ({@code WHERE last_event_id = <as read>}), all in one
 * transaction. Outbox ids follow the order of commits ({@code outbox_ids}, V10), so reading after a cursor
 * never skips an event committed later. Two dispatchers racing: the second meets the first's records on
 * the unique key (partner, event_id) or finds the cursor moved, rolls back and creates nothing.</li>
 * <li><b>Claim</b> reads the due records of each partner and state in the order of {@code delivery_due_ix}
 * (next attempt, then event) from the part's floor ({@link #floor}), a few more than asked, skipping records
 * with a live lease and those behind an earlier record of their partner and ordering key still PENDING or
 * FAILED; then takes each with a conditional update that holds only while the record is still due and
 * unleased (row locks), moving its next attempt to the lease's end, and returns those it took, oldest event
 * first. No {@code SELECT ... FOR UPDATE}: the conditional update is the lease, and it works alike on
 * PostgreSQL (whose dialect may use {@code FOR UPDATE SKIP LOCKED} instead).</li>
 * <li><b>Completion</b> ({@link #delivered}, {@link #failed}) changes a record only while {@code owner} holds
 * its lease ({@code lease_owner = owner}; an expired lease nobody took again still counts: the work was
 * done) and clears the lease. Completions of concurrent callers share a transaction ({@link #complete}).</li>
 * </ul>
 * Times come from {@code clock}: the dispatchers' clocks must agree to well within a lease and within
 * {@link #FLOOR_MARGIN}. The report writer's tables (item, report_item, outbox are locked whole, V7) are read
 * only in short statements: the outbox by a fan-out and for claimed events not in the cache, report_item by
 * {@link #forReport}.
 *
 * <p>Failures are logged by SQLState only and reach callers as {@link ServiceUnavailable}; deadlocks and
 * lock timeouts are tried again.
 */
@Component(service = Deliveries.class, configurationPid = JdbcReportStore.PID)
public class JdbcDeliveries implements Deliveries {

    static final int MAX_PARTNER = 64;
    static final int MAX_OWNER = 64;
    static final int MAX_ERROR = 200;
    static final int MAX_PARTNER_REFERENCE = 128;
    static final int MAX_ORDERING_KEY = 64;
    /** Largest page of {@link #dead}. */
    static final int MAX_PAGE_SIZE = 500;
    /** Candidates a claim reads per partner and state beyond those it was asked for (others may take some). */
    static final int EXTRA_CANDIDATES = 8;
    /** Ordering keys per statement of {@link #forReport}. */
    private static final int KEYS_PER_STATEMENT = 200;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDeliveries.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String UNAVAILABLE = "Partner deliveries are not available right now. Please try again later.";

    private static final String COLUMNS = "d.id, d.partner, d.event_id, d.event_type, d.idempotency_key, d.ordering_key,"
            + " d.reference, d.state, d.attempts, d.next_attempt_at, d.last_error, d.delivered_at, d.partner_reference,"
            + " d.created_at";

    /**
     * The due records of one partner in one state, in index order from the floor ({@link #floor}): the
     * comment tells Derby which index (to any other database it is a comment). Skips a live lease and a
     * record behind an earlier one of its partner and ordering key not yet DELIVERED or DEAD (leased or not,
     * due or not).
     */
    static final String DUE = "SELECT " + COLUMNS + " FROM delivery d --DERBY-PROPERTIES index=DELIVERY_DUE_IX\n"
            + " WHERE d.state = ? AND d.partner = ? AND d.next_attempt_at >= ? AND d.next_attempt_at <= ?"
            + " AND (d.lease_until IS NULL OR d.lease_until < ?)"
            + " AND NOT EXISTS (SELECT 1 FROM delivery e --DERBY-PROPERTIES index=DELIVERY_KEY_IX\n"
            + " WHERE e.ordering_key = d.ordering_key AND e.partner = d.partner AND e.event_id < d.event_id"
            + " AND e.state IN ('PENDING', 'FAILED'))"
            + " ORDER BY d.next_attempt_at, d.event_id FETCH FIRST ? ROWS ONLY";

    /** The first entry of one partner's records in one state from a floor on: where the live ones begin. */
    static final String FIRST = "SELECT d.next_attempt_at FROM delivery d --DERBY-PROPERTIES index=DELIVERY_DUE_IX\n"
            + " WHERE d.state = ? AND d.partner = ? AND d.next_attempt_at >= ?"
            + " ORDER BY d.next_attempt_at, d.event_id FETCH FIRST 1 ROWS ONLY";

    /**
     * Takes a lease, only while the record is still due and not leased. The next attempt becomes the lease's
     * end: a leased record leaves the due part of {@code delivery_due_ix}, so claims no longer read it (nor
     * wait for its completion's row lock), and it is due again by itself when its lease runs out.
     */
    static final String TAKE = "UPDATE delivery SET lease_owner = ?, lease_until = ?, next_attempt_at = ?,"
            + " attempts = attempts + 1 WHERE id = ? AND state IN ('PENDING', 'FAILED') AND next_attempt_at <= ?"
            + " AND (lease_until IS NULL OR lease_until < ?)";

    /**
     * How far before "now" a floor stays: every record enters the due index at its writer's "now" or later
     * (fan-out, redelivery, a failure's next attempt, a lease's end), so records written by clocks up to this
     * much behind, or by transactions this slow, are still above the floor.
     */
    static final Duration FLOOR_MARGIN = Duration.ofSeconds(30);
    /** How often a floor is raised to where the live records of its part of the index begin. */
    static final Duration FLOOR_REFRESH = Duration.ofSeconds(2);
    /** How often a claim reads a part of the index from its very start anyway (a record below a floor is found). */
    static final Duration FLOOR_RESET = Duration.ofMinutes(10);
    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    /** Outbox events kept for claims (they never change), so that a claim seldom waits for the writer's outbox lock. */
    static final int EVENT_CACHE = 4096;

    private final DataSource dataSource;
    private final Transactions transactions;
    private final Clock clock;
    /** Partners whose cursor row exists (cursors are never deleted). */
    private final Set<String> cursors = ConcurrentHashMap.newKeySet();
    /** Floors of the due index, by state and partner ({@link #floor}). */
    private final Map<String, Floor> floors = new ConcurrentHashMap<>();
    /** Recent outbox events by id, least recently used dropped. */
    private final Map<Long, OutboxEvent> eventCache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, OutboxEvent> eldest) {
            return size() > EVENT_CACHE;
        }
    };

    @Activate
    public JdbcDeliveries(@Reference(name = "dataSource", target = "(dataSourceName=lapor)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** {@code clock}: "now" for due times, leases and record times (tests move it). */
    JdbcDeliveries(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource, LOG, UNAVAILABLE);
        this.clock = clock;
        try {
            new Migrations(dataSource).migrate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the database schema (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Each partner's oldest events first, the partners taken in turn: a partner with a long backlog (a
     * webhook back after an outage) does not hold back another's new records (an urgent report to the police).
     */
    static List<Delivery> fairShare(List<List<Delivery>> perPartner, int max) {
        List<Delivery> out = new ArrayList<>();
        List<java.util.Iterator<Delivery>> turns = new ArrayList<>();
        for (List<Delivery> list : perPartner) {
            list.sort(Comparator.comparingLong(Delivery::eventId).thenComparingLong(Delivery::id));
            turns.add(list.iterator());
        }
        boolean more = true;
        while (more && out.size() < max) {
            more = false;
            for (java.util.Iterator<Delivery> i : turns) {
                if (i.hasNext() && out.size() < max) {
                    out.add(i.next());
                    more = true;
                }
            }
        }
        return out;
    }

    // ---- fan-out

    @Override
    public int fanOut(Map<String, Predicate<OutboxEvent>> partners, int maxEvents) {
        Objects.requireNonNull(partners, "partners");
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1");
        }
        if (partners.isEmpty()) {
            return 0;
        }
        // partners in name order, so that two fan-outs lock records and cursors in the same order
        Map<String, Predicate<OutboxEvent>> sorted = new TreeMap<>();
        for (Map.Entry<String, Predicate<OutboxEvent>> e : partners.entrySet()) {
            checkPartner(e.getKey());
            sorted.put(e.getKey(), Objects.requireNonNull(e.getValue(), "predicate of " + e.getKey()));
        }
        for (String partner : sorted.keySet()) {
            if (!cursors.contains(partner)) {
                createCursor(partner);
            }
        }
        return run("Fanning out events", c -> {
            Map<String, Long> at = readCursors(c);
            Map<Long, List<Stored>> read = new HashMap<>(); // by cursor: partners side by side read once
            int created = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO delivery (partner, event_id, event_type,"
                    + " idempotency_key, ordering_key, reference, state, attempts, next_attempt_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)");
                    PreparedStatement move = c.prepareStatement(
                            "UPDATE delivery_cursor SET last_event_id = ? WHERE partner = ? AND last_event_id = ?")) {
                for (Map.Entry<String, Predicate<OutboxEvent>> e : sorted.entrySet()) {
                    String partner = e.getKey();
                    Long cursor = at.get(partner);
                    if (cursor == null) { // deleted behind the store's back: made again on the next call
                        cursors.remove(partner);
                        continue;
                    }
                    List<Stored> events = read.get(cursor);
                    if (events == null) {
                        events = readEvents(c, cursor, maxEvents);
                        read.put(cursor, events);
                        cache(events);
                    }
                    if (events.isEmpty()) {
                        continue;
                    }
                    Instant now = now();
                    int wanted = 0;
                    for (Stored stored : events) {
                        OutboxEvent event = stored.event();
                        if (!e.getValue().test(event)) {
                            continue;
                        }
                        String reference = stored.reference();
                        insert.setString(1, partner);
                        insert.setLong(2, event.id());
                        insert.setString(3, event.type());
                        insert.setString(4, event.idempotencyKey());
                        insert.setString(5, orderingKey(reference, event.idempotencyKey()));
                        if (reference == null) {
                            insert.setNull(6, Types.CHAR);
                        } else {
                            insert.setString(6, reference);
                        }
                        Times.set(insert, 7, now);
                        Times.set(insert, 8, now);
                        insert.addBatch();
                        wanted++;
                    }
                    if (wanted > 0) {
                        try {
                            insert.executeBatch();
                        } catch (SQLException duplicate) {
                            if (!isDuplicate(duplicate)) {
                                throw duplicate;
                            }
                            // another dispatcher fanned these out and moved the cursor: its work stands
                            LOG.debug("Fan-out to {} met another dispatcher's records; leaving it to that one", partner);
                            c.rollback();
                            return 0;
                        }
                    }
                    move.setLong(1, events.get(events.size() - 1).event().id());
                    move.setString(2, partner);
                    move.setLong(3, cursor);
                    if (move.executeUpdate() != 1) {
                        LOG.debug("The cursor of {} moved meanwhile; leaving the fan-out to the other dispatcher", partner);
                        c.rollback();
                        return 0;
                    }
                    created += wanted;
                }
            }
            return created;
        });
    }

    /** An outbox event and the report it names (the outbox's reference column; null for item events). */
    private record Stored(OutboxEvent event, String reference) {
    }

    /**
     * The order an event keeps with others for a partner: its report's reference, or {@code item-<id>} for
     * an item event (its key is {@code item-<id>-<outbox id>}); any other event its own key (no order).
     */
    static String orderingKey(String reference, String idempotencyKey) {
        if (reference != null) {
            return reference;
        }
        String key = idempotencyKey;
        if (key.startsWith("item-")) {
            int dash = key.lastIndexOf('-');
            if (dash > "item-".length() && key.indexOf('-', "item-".length()) == dash) {
                key = key.substring(0, dash);
            }
        }
        return key.length() > MAX_ORDERING_KEY ? key.substring(0, MAX_ORDERING_KEY) : key;
    }

    private static List<Stored> readEvents(Connection c, long after, int max) throws SQLException {
        List<Stored> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, event_type, idempotency_key, reference, payload,"
                + " created_at FROM outbox WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY")) {
            ps.setLong(1, after);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                }
            }
        }
        return events;
    }

    private static Stored event(ResultSet rs) throws SQLException {
        String reference = rs.getString("reference");
        return new Stored(new OutboxEvent(rs.getLong("id"), rs.getString("event_type"), rs.getString("idempotency_key"),
                rs.getString("payload"), Times.get(rs, "created_at")), reference == null ? null : reference.trim());
    }

    private static Map<String, Long> readCursors(Connection c) throws SQLException {
        Map<String, Long> cursors = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT partner, last_event_id FROM delivery_cursor");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                cursors.put(rs.getString(1), rs.getLong(2));
            }
        }
        return cursors;
    }

    /**
     * A partner seen for the first time starts after the newest event: its cursor is the largest outbox id
     * now. Another dispatcher creating it at the same time wins (duplicate key, under a savepoint).
     */
    private void createCursor(String partner) {
        run("Creating a delivery cursor", c -> {
            long newest;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM outbox"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                newest = rs.getLong(1); // 0 when empty
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO delivery_cursor (partner, last_event_id) VALUES (?, ?)")) {
                ps.setString(1, partner);
                ps.setLong(2, newest);
                Savepoint before = c.setSavepoint();
                try {
                    ps.executeUpdate();
                    c.releaseSavepoint(before);
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    c.rollback(before); // there already
                }
            }
            return null;
        });
        cursors.add(partner);
    }

    // ---- claim and completion

    /**
     * Where a claim starts reading one state of one partner in {@code delivery_due_ix}. Derby keeps the
     * leaf pages that deletes emptied (it frees them only when its cleanup gets the table alone, which a busy
     * table never gives), and records leave the due part of the index at its front (a lease moves a record
     * to the lease's end, a delivery out of the state), so a scan from the start of the range would walk
     * every page emptied since the table was made. Each instance keeps, per state and partner, a time at or
     * below every live entry: raised every {@link #FLOOR_REFRESH} to the first entry then found (never above
     * now - {@link #FLOOR_MARGIN}), and reset to the beginning every {@link #FLOOR_RESET}.
     */
    private record Floor(Instant at, Instant refreshed, Instant reset) {
    }

    @Override
    public List<Claimed> claim(String owner, Set<String> partners, Duration lease, int max) {
        checkOwner(owner);
        Objects.requireNonNull(partners, "partners");
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("A lease must last");
        }
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative");
        }
        if (max == 0 || partners.isEmpty()) {
            return List.of();
        }
        Set<String> sorted = new TreeSet<>();
        for (String partner : partners) {
            checkPartner(partner);
            sorted.add(partner);
        }
        return run("Claiming deliveries", c -> {
            Instant now = now();
            Instant until = now.plus(lease).truncatedTo(ChronoUnit.MILLIS);
            List<List<Delivery>> perPartner = new ArrayList<>();
            try (PreparedStatement due = c.prepareStatement(DUE)) {
                for (String partner : sorted) {
                    List<Delivery> mine = new ArrayList<>();
                    perPartner.add(mine);
                    for (DeliveryState state : List.of(DeliveryState.PENDING, DeliveryState.FAILED)) {
                        due.setString(1, state.name());
                        due.setString(2, partner);
                        Times.set(due, 3, floor(c, state, partner, now));
                        Times.set(due, 4, now);
                        Times.set(due, 5, now);
                        due.setInt(6, max + EXTRA_CANDIDATES);
                        try (ResultSet rs = due.executeQuery()) {
                            while (rs.next()) {
                                mine.add(delivery(rs));
                            }
                        }
                    }
                }
            }
            List<Delivery> candidates = fairShare(perPartner, max + EXTRA_CANDIDATES);
            if (candidates.isEmpty()) {
                return List.of();
            }
            // the events before the leases: no record is locked while the outbox's table lock is awaited
            Map<Long, OutboxEvent> events = events(c, candidates);
            // the fair share's first max before the spares; each by record id, the order completions are written
            // in: no two wait for each other in a cycle
            Set<Long> first = new java.util.HashSet<>();
            candidates.subList(0, Math.min(max, candidates.size())).forEach(d -> first.add(d.id()));
            candidates.sort(Comparator.comparing((Delivery d) -> !first.contains(d.id())).thenComparingLong(Delivery::id));
            List<Claimed> taken = new ArrayList<>();
            List<Delivery> usable = new ArrayList<>();
            for (Delivery d : candidates) {
                if (events.containsKey(d.eventId())) {
                    usable.add(d);
                } else {
                    LOG.warn("Delivery {} names outbox event {}, which is missing; left alone", d.id(), d.eventId());
                }
            }
            // one batch of conditional updates per round; a record another dispatcher took in between counts 0
            // and the next round tries as many of the rest
            try (PreparedStatement ps = c.prepareStatement(TAKE)) {
                int next = 0;
                while (taken.size() < max && next < usable.size()) {
                    List<Delivery> round = usable.subList(next, Math.min(usable.size(), next + max - taken.size()));
                    next += round.size();
                    for (Delivery d : round) {
                        ps.setString(1, owner);
                        Times.set(ps, 2, until);
                        Times.set(ps, 3, until);
                        ps.setLong(4, d.id());
                        Times.set(ps, 5, now);
                        Times.set(ps, 6, now);
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    for (int i = 0; i < round.size(); i++) {
                        if (counts[i] == 1) {
                            Delivery d = round.get(i);
                            taken.add(new Claimed(new Delivery(d.id(), d.partner(), d.eventId(), d.eventType(),
                                    d.idempotencyKey(), d.orderingKey(), d.reference(), d.state(), d.attempts() + 1,
                                    until, d.lastError(), d.deliveredAt(), d.partnerReference(), d.createdAt()),
                                    events.get(d.eventId())));
                        }
                    }
                }
            }
            taken.sort(Comparator.comparingLong((Claimed t) -> t.delivery().eventId()).thenComparingLong(t -> t.delivery().id()));
            return taken;
        });
    }

    /** The floor of one state of one partner ({@link Floor}), raised or reset when due. */
    private Instant floor(Connection c, DeliveryState state, String partner, Instant now) throws SQLException {
        String key = state.name() + " " + partner;
        Floor floor = floors.get(key);
        boolean reset = floor == null || !now.isBefore(floor.reset().plus(FLOOR_RESET)) || now.isBefore(floor.refreshed());
        Instant from = reset ? BEGINNING : floor.at();
        if (reset || !now.isBefore(floor.refreshed().plus(FLOOR_REFRESH))) {
            Instant first = null;
            try (PreparedStatement ps = c.prepareStatement(FIRST)) {
                ps.setString(1, state.name());
                ps.setString(2, partner);
                Times.set(ps, 3, from);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        first = Times.get(rs, "next_attempt_at");
                    }
                }
            }
            Instant at = now.minus(FLOOR_MARGIN);
            if (first != null && first.isBefore(at)) {
                at = first;
            }
            if (at.isBefore(from)) {
                at = from;
            }
            floors.put(key, new Floor(at, now, reset ? now : floor.reset()));
            from = at;
        }
        return from;
    }

    /**
     * The outbox events of {@code deliveries}, by id: from the cache, the others in one statement on the
     * outbox's primary key.
     */
    private Map<Long, OutboxEvent> events(Connection c, Collection<Delivery> deliveries) throws SQLException {
        Map<Long, OutboxEvent> events = new HashMap<>();
        Set<Long> ids = new LinkedHashSet<>();
        synchronized (eventCache) {
            for (Delivery d : deliveries) {
                OutboxEvent cached = eventCache.get(d.eventId());
                if (cached != null) {
                    events.put(d.eventId(), cached);
                } else {
                    ids.add(d.eventId());
                }
            }
        }
        if (ids.isEmpty()) {
            return events;
        }
        List<Stored> read = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, event_type, idempotency_key, reference, payload,"
                + " created_at FROM outbox WHERE id IN (" + "?, ".repeat(ids.size() - 1) + "?)")) {
            int i = 1;
            for (long id : ids) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Stored stored = event(rs);
                    read.add(stored);
                    events.put(stored.event().id(), stored.event());
                }
            }
        }
        cache(read);
        return events;
    }

    private void cache(List<Stored> events) {
        synchronized (eventCache) {
            for (Stored stored : events) {
                eventCache.put(stored.event().id(), stored.event());
            }
        }
    }

    /**
     * A completion ({@link #delivered}, {@link #failed}) waiting for its batch. Completions of many threads
     * are written together, one transaction and one log write for all of them ({@link #complete}).
     */
    private static final class Completion {
        final long id;
        final String owner;
        final DeliveryState state; // DELIVERED, FAILED or DEAD
        final String partnerReference;
        final String error;
        final Instant nextAttempt;
        boolean done;
        boolean result;
        RuntimeException failure;

        Completion(long id, String owner, DeliveryState state, String partnerReference, String error, Instant nextAttempt) {
            this.id = id;
            this.owner = owner;
            this.state = state;
            this.partnerReference = partnerReference;
            this.error = error;
            this.nextAttempt = nextAttempt;
        }
    }

    /** Most completions one transaction writes. */
    static final int MAX_COMPLETIONS = 256;

    private final Object completions = new Object();
    private final ArrayDeque<Completion> waiting = new ArrayDeque<>();
    private boolean completing; // a thread is writing a batch

    @Override
    public boolean delivered(long id, String owner, String partnerReference) {
        checkOwner(owner);
        return complete(new Completion(id, owner, DeliveryState.DELIVERED, cut(partnerReference, MAX_PARTNER_REFERENCE),
                null, null));
    }

    @Override
    public boolean failed(long id, String owner, String error, Instant nextAttempt, boolean dead) {
        checkOwner(owner);
        if (!dead && nextAttempt == null) {
            throw new IllegalArgumentException("A failed delivery that is not dead needs its next attempt");
        }
        return complete(new Completion(id, owner, dead ? DeliveryState.DEAD : DeliveryState.FAILED, null,
                cut(error, MAX_ERROR), dead ? null : nextAttempt.truncatedTo(ChronoUnit.MILLIS)));
    }

    /**
     * Group commit of completions, on the callers' threads: a caller queues its completion; if no other
     * thread is writing, it writes every queued completion (up to {@value #MAX_COMPLETIONS}) in one
     * transaction, again while its own is not written, and wakes the others; else it waits for theirs. The
     * completions queued while one transaction commits go together in the next, so N dispatcher threads
     * completing at once cost about one log write, not N. Each completion is still its own conditional
     * update, with its own result.
     */
    private boolean complete(Completion mine) {
        boolean interrupted = false;
        try {
            synchronized (completions) {
                waiting.add(mine);
                while (!mine.done && completing) {
                    try {
                        completions.wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // its batch may already be writing: wait for its result
                    }
                }
                if (!mine.done) {
                    completing = true;
                }
            }
            if (!mine.done) {
                try {
                    while (!mine.done) {
                        List<Completion> batch = new ArrayList<>();
                        synchronized (completions) {
                            while (!waiting.isEmpty() && batch.size() < MAX_COMPLETIONS) {
                                batch.add(waiting.poll());
                            }
                        }
                        write(batch);
                        synchronized (completions) {
                            completions.notifyAll();
                        }
                    }
                } finally {
                    synchronized (completions) {
                        completing = false;
                        completions.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Writes a batch of completions in one transaction, by record id (the order claims take leases in). */
    private void write(List<Completion> batch) {
        List<Completion> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparingLong(x -> x.id));
        try {
            boolean[] results = run("Recording deliveries", c -> {
                boolean[] counted = new boolean[sorted.size()];
                Instant now = now();
                try (PreparedStatement delivered = c.prepareStatement("UPDATE delivery SET state = 'DELIVERED',"
                        + " delivered_at = ?, partner_reference = ?, next_attempt_at = NULL, lease_owner = NULL,"
                        + " lease_until = NULL WHERE id = ? AND lease_owner = ? AND state IN ('PENDING', 'FAILED')");
                        PreparedStatement failed = c.prepareStatement("UPDATE delivery SET state = ?, last_error = ?,"
                        + " next_attempt_at = ?, lease_owner = NULL, lease_until = NULL"
                        + " WHERE id = ? AND lease_owner = ? AND state IN ('PENDING', 'FAILED')")) {
                    for (int i = 0; i < sorted.size(); i++) {
                        Completion x = sorted.get(i);
                        PreparedStatement ps;
                        if (x.state == DeliveryState.DELIVERED) {
                            ps = delivered;
                            Times.set(ps, 1, now);
                            ps.setString(2, x.partnerReference);
                            ps.setLong(3, x.id);
                            ps.setString(4, x.owner);
                        } else {
                            ps = failed;
                            ps.setString(1, x.state.name());
                            ps.setString(2, x.error);
                            if (x.nextAttempt == null) {
                                ps.setNull(3, Types.TIMESTAMP);
                            } else { // never before now: the floors rely on it (a time passed is due now anyway)
                                Times.set(ps, 3, x.nextAttempt.isBefore(now) ? now : x.nextAttempt);
                            }
                            ps.setLong(4, x.id);
                            ps.setString(5, x.owner);
                        }
                        counted[i] = ps.executeUpdate() == 1;
                    }
                }
                return counted;
            });
            for (int i = 0; i < sorted.size(); i++) {
                sorted.get(i).result = results[i];
            }
        } catch (RuntimeException e) {
            for (Completion x : sorted) {
                x.failure = e;
            }
        } finally {
            synchronized (completions) {
                for (Completion x : sorted) {
                    x.done = true;
                }
            }
        }
    }

    // ---- reading and redelivery

    /**
     * The report's own records (ordering key = its reference) and its items' ({@code item-<id>} for each item
     * of the report in report_item, read in one short statement), by {@code delivery_key_ix}.
     */
    @Override
    public List<Delivery> forReport(String reference) {
        if (reference == null) {
            return List.of();
        }
        return run("Reading a report's deliveries", c -> {
            List<String> keys = new ArrayList<>();
            keys.add(reference);
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ri.item_id FROM report r"
                    + " JOIN report_item ri ON ri.report_id = r.id WHERE r.reference = ? ORDER BY ri.item_id")) {
                ps.setString(1, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add("item-" + rs.getLong(1));
                    }
                }
            }
            List<Delivery> found = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM delivery d"
                        + " WHERE d.ordering_key IN (" + "?, ".repeat(chunk.size() - 1) + "?)")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(delivery(rs));
                        }
                    }
                }
            }
            found.sort(Comparator.comparingLong(Delivery::eventId).thenComparingLong(Delivery::id));
            return found;
        });
    }

    @Override
    public Page<Delivery> dead(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page from 0, size from 1 to " + MAX_PAGE_SIZE);
        }
        return run("Reading dead deliveries", c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE state = 'DEAD'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Delivery> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM delivery d WHERE d.state = 'DEAD'"
                    + " ORDER BY d.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                ps.setLong(1, (long) page * size);
                ps.setInt(2, size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(delivery(rs));
                    }
                }
            }
            return new Page<>(total, entries);
        });
    }

    @Override
    public Optional<Delivery> find(long id) {
        return run("Reading a delivery", c -> find(c, id));
    }

    private static Optional<Delivery> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM delivery d WHERE d.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(delivery(rs)) : Optional.empty();
            }
        }
    }

    /**
     * DEAD or DELIVERED to PENDING, due now, lease cleared; attempts, last error, the last delivery's time and
     * partner reference kept (until the next delivery or failure replaces them).
     */
    @Override
    public Delivery redeliver(long id) {
        return run("Redelivering", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'PENDING', next_attempt_at = ?,"
                    + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND state IN ('DEAD', 'DELIVERED')")) {
                Times.set(ps, 1, now());
                ps.setLong(2, id);
                if (ps.executeUpdate() != 1) {
                    Optional<Delivery> d = find(c, id);
                    throw new IllegalArgumentException(d.isEmpty() ? "No delivery " + id
                            : "Delivery " + id + " is " + d.get().state() + ": only a DEAD or DELIVERED one is redelivered");
                }
            }
            return find(c, id).orElseThrow();
        });
    }

    /** Reads every record (one statement, {@code delivery_due_ix} alone): an admin's figure, not a hot path. */
    @Override
    public Map<String, Map<DeliveryState, Long>> counts() {
        return run("Counting deliveries", c -> {
            Map<String, Map<DeliveryState, Long>> counts = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT partner, state, COUNT(*) FROM delivery GROUP BY partner, state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<DeliveryState, Long> partner = counts.computeIfAbsent(rs.getString(1), p -> {
                        Map<DeliveryState, Long> zero = new EnumMap<>(DeliveryState.class);
                        for (DeliveryState s : DeliveryState.values()) {
                            zero.put(s, 0L);
                        }
                        return zero;
                    });
                    partner.put(DeliveryState.valueOf(rs.getString(2).trim()), rs.getLong(3));
                }
            }
            return counts;
        });
    }

    // ---- helpers

    private static Delivery delivery(ResultSet rs) throws SQLException {
        String reference = rs.getString("reference");
        return new Delivery(rs.getLong("id"), rs.getString("partner"), rs.getLong("event_id"), rs.getString("event_type"),
                rs.getString("idempotency_key"), rs.getString("ordering_key"), reference == null ? null : reference.trim(),
                DeliveryState.valueOf(rs.getString("state").trim()), rs.getInt("attempts"),
                Times.get(rs, "next_attempt_at"), rs.getString("last_error"), Times.get(rs, "delivered_at"),
                rs.getString("partner_reference"), Times.get(rs, "created_at"));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static void checkPartner(String partner) {
        if (partner == null || partner.isBlank() || partner.length() > MAX_PARTNER) {
            throw new IllegalArgumentException("A partner id of 1 to " + MAX_PARTNER + " characters is required");
        }
    }

    private static void checkOwner(String owner) {
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER) {
            throw new IllegalArgumentException("An owner of 1 to " + MAX_OWNER + " characters is required");
        }
    }

    /** A duplicate key, possibly inside a batch's exception. */
    private static boolean isDuplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private <R> R run(String what, Transactions.Work<R> work) {
        return transactions.run(what, work);
    }
}
