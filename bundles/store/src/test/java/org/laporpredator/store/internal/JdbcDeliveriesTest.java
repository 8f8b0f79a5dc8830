package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.laporpredator.api.NewItem;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.cases.Classification;
import org.laporpredator.api.cases.Page;
import org.laporpredator.api.delivery.Claimed;
import org.laporpredator.api.delivery.Delivery;
import org.laporpredator.api.delivery.DeliveryState;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.OutboxEvent;

public class JdbcDeliveriesTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Predicate<OutboxEvent> ALL = e -> true;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final TestDb db = new TestDb();
    private final Reports.Issuer issuer = new Reports.Issuer();
    private final TestClock clock = new TestClock("2026-05-01T08:00:00Z");
    private JdbcReportStore store;
    private JdbcCases cases;
    private JdbcDeliveries deliveries;

    @Before
    public void start() {
        Path keyFile = tmp.getRoot().toPath().resolve("etc/lapor-contact.key");
        store = new JdbcReportStore(db.dataSource, keyFile);
        cases = new JdbcCases(db.dataSource, keyFile);
        deliveries = new JdbcDeliveries(db.dataSource, clock);
    }

    @After
    public void stop() {
        store.close();
        db.drop();
    }

    private String save(String... urls) {
        List<NewItem> items = new ArrayList<>();
        for (String url : urls) {
            items.add(Reports.item(url));
        }
        return store.save(Reports.report(true, null, items.toArray(NewItem[]::new)), issuer);
    }

    private long itemId(String url) throws SQLException {
        return db.count("SELECT id FROM item WHERE dedup_key = ?", "web:" + url);
    }

    /** Partners with their predicates, in a map of their own. */
    private static Map<String, Predicate<OutboxEvent>> partners(Object... pairs) {
        Map<String, Predicate<OutboxEvent>> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            Predicate<OutboxEvent> p = (Predicate<OutboxEvent>) pairs[i + 1];
            map.put((String) pairs[i], p);
        }
        return map;
    }

    /**
     * Outbox events inserted as the writer and the decisions do (ids from outbox_ids, one transaction):
     * each {type, reference or null, idempotency key prefix}; returns their ids.
     */
    private List<Long> events(List<String[]> events) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            long last;
            try (PreparedStatement ps = c.prepareStatement(Batch.TAKE_OUTBOX_IDS)) {
                ps.setInt(1, events.size());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(Batch.LAST_OUTBOX_ID); ResultSet rs = ps.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
            }
            long id = last - events.size() + 1;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (id, event_type, idempotency_key, reference,"
                    + " payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (String[] e : events) {
                    ps.setLong(1, id);
                    ps.setString(2, e[0]);
                    ps.setString(3, e[1] == null ? e[2] + "-" + id : e[2] + "-" + e[1]);
                    ps.setString(4, e[1]);
                    ps.setString(5, "{\"version\": 1, \"n\": " + id + "}");
                    Times.set(ps, 6, Instant.now());
                    ps.addBatch();
                    ids.add(id++);
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return ids;
    }

    private static String[] reportEvent(String reference) {
        return new String[] {Events.REPORT_RECEIVED, reference, "report"};
    }

    private static String[] itemEvent(long item) {
        return new String[] {Events.ITEM_CLASSIFIED, null, "item-" + item};
    }

    private static List<Long> eventIds(List<Claimed> claimed) {
        return claimed.stream().map(c -> c.event().id()).collect(Collectors.toList());
    }

    private static List<String> types(List<Delivery> list) {
        return list.stream().map(d -> d.partner() + " " + d.eventType()).collect(Collectors.toList());
    }

    // ---- fan-out

    @Test
    public void aNewPartnerStartsAfterTheNewestEventAndGetsWhatItsPredicateWants() throws Exception {
        String first = save("https://a.example/1");
        assertEquals(0, deliveries.fanOut(partners("mycert", ALL), 100)); // the past is not sent
        assertEquals(Map.of(), deliveries.counts());

        String second = save("https://a.example/2");
        long item = itemId("https://a.example/2");
        cases.classify(item, Classification.CSAM, null, "ana");
        cases.changeStatus(first, ReportStatus.UNDER_REVIEW, null, "ana");
        Predicate<OutboxEvent> itemsOnly = e -> e.type().equals(Events.ITEM_CLASSIFIED);
        // police is new: it starts after these three; mycert gets them
        assertEquals(3, deliveries.fanOut(partners("mycert", ALL, "police", itemsOnly), 100));
        assertEquals(0, deliveries.fanOut(partners("mycert", ALL, "police", itemsOnly), 100));

        cases.classify(item, Classification.NOT_ILLEGAL, null, "ana");
        String third = save("https://a.example/3");
        assertEquals(3, deliveries.fanOut(partners("mycert", ALL, "police", itemsOnly), 100));

        List<Delivery> mycert = deliveries.forReport(second);
        assertEquals(List.of("mycert report.received", "mycert item.classified", "mycert item.classified",
                "police item.classified"), types(mycert));
        Delivery received = mycert.get(0);
        assertEquals(second, received.reference());
        assertEquals(second, received.orderingKey());
        assertEquals("report-" + second, received.idempotencyKey());
        assertEquals(DeliveryState.PENDING, received.state());
        assertEquals(0, received.attempts());
        assertEquals(clock.instant(), received.nextAttemptAt());
        assertEquals(clock.instant(), received.createdAt());
        assertNull(received.deliveredAt());
        assertNull(received.lastError());
        Delivery classified = mycert.get(1);
        assertNull(classified.reference());
        assertEquals("item-" + item, classified.orderingKey());
        assertTrue(classified.idempotencyKey().startsWith("item-" + item + "-"));
        assertEquals(db.count("SELECT MAX(id) FROM outbox"), db.count("SELECT last_event_id FROM delivery_cursor"
                + " WHERE partner = 'police'"));
        assertEquals(List.of("mycert report.status-changed"), types(deliveries.forReport(first)));
        assertEquals(List.of("mycert report.received"), types(deliveries.forReport(third)));
        assertEquals(List.of(), deliveries.forReport("10000009"));
        assertEquals(List.of(), deliveries.forReport(null));

        Map<String, Map<DeliveryState, Long>> counts = deliveries.counts();
        assertEquals(Set.of("mycert", "police"), counts.keySet());
        assertEquals(5L, (long) counts.get("mycert").get(DeliveryState.PENDING));
        assertEquals(0L, (long) counts.get("mycert").get(DeliveryState.DEAD));
        assertEquals(1L, (long) counts.get("police").get(DeliveryState.PENDING));
    }

    @Test
    public void aFanOutReadsAtMostMaxEventsAndMovesTheCursorPastTheOnesNotWanted() throws Exception {
        deliveries.fanOut(partners("a", ALL, "b", ALL), 10);
        List<String[]> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(itemEvent(i));
        }
        List<Long> ids = events(batch);
        Predicate<OutboxEvent> none = e -> false;
        assertEquals(3, deliveries.fanOut(partners("a", ALL, "b", none), 3));
        assertEquals(ids.get(2).longValue(), db.count("SELECT last_event_id FROM delivery_cursor WHERE partner = 'a'"));
        assertEquals(ids.get(2).longValue(), db.count("SELECT last_event_id FROM delivery_cursor WHERE partner = 'b'"));
        assertEquals(3, deliveries.fanOut(partners("a", ALL, "b", none), 3));
        assertEquals(1, deliveries.fanOut(partners("a", ALL, "b", none), 3));
        assertEquals(0, deliveries.fanOut(partners("a", ALL, "b", none), 3));
        assertEquals(7, db.count("SELECT COUNT(*) FROM delivery WHERE partner = 'a'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM delivery WHERE partner = 'b'"));
        assertEquals(ids.get(6).longValue(), db.count("SELECT last_event_id FROM delivery_cursor WHERE partner = 'b'"));
        assertThrows(IllegalArgumentException.class, () -> deliveries.fanOut(partners("a", ALL), 0));
        assertThrows(IllegalArgumentException.class, () -> deliveries.fanOut(partners("x".repeat(65), ALL), 1));
        assertEquals(0, deliveries.fanOut(Map.of(), 10));
    }

    @Test
    public void twoFanOutsAtOnceCreateEachRecordOnce() throws Exception {
        JdbcDeliveries other = new JdbcDeliveries(db.dataSource, clock);
        Map<String, Predicate<OutboxEvent>> partners = partners("a", ALL, "b", ALL, "c", (Predicate<OutboxEvent>) e -> e.id() % 2 == 0);
        deliveries.fanOut(partners, 10);
        other.fanOut(partners, 10);
        int rounds = 40;
        int perRound = 50;
        AtomicBoolean producing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> fanOuts = new ArrayList<>();
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        Future<?> producer = pool.submit((Callable<Void>) () -> {
            go.await();
            for (int r = 0; r < rounds; r++) {
                List<String[]> batch = new ArrayList<>();
                for (int i = 0; i < perRound; i++) {
                    batch.add(i % 3 == 0 ? itemEvent(i) : reportEvent(String.format("%08d", r * perRound + i)));
                }
                all.addAll(events(batch));
            }
            producing.set(false);
            return null;
        });
        for (JdbcDeliveries d : List.of(deliveries, other)) {
            fanOuts.add(pool.submit(() -> {
                go.await();
                int created = 0;
                while (true) {
                    boolean done = !producing.get();
                    int now = d.fanOut(partners, 37);
                    created += now;
                    if (done && now == 0) {
                        return created; // the rest, if the other one raced this last call, is fanned out below
                    }
                }
            }));
        }
        go.countDown();
        producer.get(60, TimeUnit.SECONDS);
        int created = 0;
        for (Future<Integer> f : fanOuts) {
            created += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // whatever a last fan-out may have left behind a racing one
        for (int more = deliveries.fanOut(partners, 1000); more > 0; more = deliveries.fanOut(partners, 1000)) {
            created += more;
        }
        long events = all.size();
        long even = all.stream().filter(id -> id % 2 == 0).count();
        long records = db.count("SELECT COUNT(*) FROM delivery");
        assertEquals(2 * events + even, records);
        assertEquals(records, db.count("SELECT COUNT(*) FROM (SELECT DISTINCT partner, event_id FROM delivery) t"));
        assertEquals(records, created); // each counted by the one fan-out that committed it
        assertEquals(3, db.count("SELECT COUNT(*) FROM delivery_cursor WHERE last_event_id = (SELECT MAX(id) FROM outbox)"));
    }

    // ---- claims

    @Test
    public void aPartnersLongBacklogDoesNotHoldBackAnothersNewRecord() throws Exception {
        Duration lease = Duration.ofMinutes(5);
        deliveries.fanOut(partners("webhook-x", ALL), 10);
        for (int i = 0; i < 12; i++) {
            save("https://a.example/backlog-" + i);
        }
        assertEquals(12, deliveries.fanOut(partners("webhook-x", ALL), 100));
        deliveries.fanOut(partners("webhook-x", ALL, "police", ALL), 100); // police starts after the newest
        String urgent = save("https://a.example/urgent");
        assertEquals(2, deliveries.fanOut(partners("webhook-x", ALL, "police", ALL), 100));
        List<Claimed> claimed = deliveries.claim("node-1", Set.of("webhook-x", "police"), lease, 4);
        assertEquals(4, claimed.size());
        assertTrue("the police's record is among the first claimed", claimed.stream().anyMatch(
                c -> c.delivery().partner().equals("police") && urgent.equals(c.delivery().reference())));
    }

    @Test
    public void claimsGiveTheOldestFirstAndKeepEachReportsEventsInOrder() throws Exception {
        Duration lease = Duration.ofMinutes(5); // no lease runs out while the clock moves on
        deliveries.fanOut(partners("mycert", ALL, "police", ALL), 10);
        String a = save("https://a.example/a");
        String b = save("https://a.example/b");
        cases.changeStatus(a, ReportStatus.UNDER_REVIEW, null, "ana");
        String c = save("https://a.example/c");
        cases.changeStatus(c, ReportStatus.UNDER_REVIEW, null, "ana");
        assertEquals(10, deliveries.fanOut(partners("mycert", ALL, "police", ALL), 100));
        long aReceived = db.count("SELECT id FROM outbox WHERE idempotency_key = ?", "report-" + a);
        long bReceived = db.count("SELECT id FROM outbox WHERE idempotency_key = ?", "report-" + b);
        long aStatus = db.count("SELECT id FROM outbox WHERE reference = ? AND event_type = ?", a, Events.REPORT_STATUS_CHANGED);
        long cReceived = db.count("SELECT id FROM outbox WHERE idempotency_key = ?", "report-" + c);
        long cStatus = db.count("SELECT id FROM outbox WHERE reference = ? AND event_type = ?", c, Events.REPORT_STATUS_CHANGED);

        // a's status change waits for a's first event; c's for c's; b is free; only mycert's are claimed
        List<Claimed> first = deliveries.claim("node-1", Set.of("mycert"), lease, 10);
        assertEquals(List.of(aReceived, bReceived, cReceived), eventIds(first));
        for (Claimed claimed : first) {
            assertEquals("mycert", claimed.delivery().partner());
            assertEquals(1, claimed.delivery().attempts());
            assertEquals(claimed.delivery().eventId(), claimed.event().id());
            assertEquals(claimed.delivery().idempotencyKey(), claimed.event().idempotencyKey());
        }
        assertEquals(Events.REPORT_RECEIVED, first.get(0).event().type());
        assertTrue(first.get(0).event().payload().contains("\"reference\":\"" + a + "\""));
        assertEquals(List.of(), deliveries.claim("node-2", Set.of("mycert"), lease, 10)); // leased or waiting

        // a's first fails: a's next event still waits; b is delivered
        Claimed ar = first.get(0);
        Claimed br = first.get(1);
        Claimed cr = first.get(2);
        assertTrue(deliveries.failed(ar.delivery().id(), "node-1", "HTTP 503", clock.instant().plusSeconds(60), false));
        assertTrue(deliveries.delivered(br.delivery().id(), "node-1", "MYCERT-1"));
        // c's first is dead: c's next comes free
        assertTrue(deliveries.failed(cr.delivery().id(), "node-1", "HTTP 400", null, true));
        assertEquals(List.of(cStatus), eventIds(deliveries.claim("node-2", Set.of("mycert"), lease, 10)));
        assertEquals(List.of(), deliveries.claim("node-2", Set.of("mycert"), lease, 10));

        // a's first is due again: claimed again (the status change still waits behind it)
        clock.advance(Duration.ofSeconds(61));
        List<Claimed> again = deliveries.claim("node-2", Set.of("mycert"), lease, 10);
        assertEquals(List.of(aReceived), eventIds(again));
        assertEquals(2, again.get(0).delivery().attempts());
        assertEquals(DeliveryState.FAILED, again.get(0).delivery().state());
        assertEquals("HTTP 503", again.get(0).delivery().lastError());
        assertTrue(deliveries.delivered(ar.delivery().id(), "node-2", null));
        assertEquals(List.of(aStatus), eventIds(deliveries.claim("node-1", Set.of("mycert"), lease, 10)));

        // police's are all there, in order, and max is kept
        List<Claimed> police = deliveries.claim("node-1", Set.of("police", "nobody"), lease, 2);
        assertEquals(List.of(aReceived, bReceived), eventIds(police));
        assertEquals(List.of(cReceived), eventIds(deliveries.claim("node-1", Set.of("police"), lease, 10)));
        assertEquals(List.of(), deliveries.claim("node-1", Set.of("police"), lease, 0));
        assertEquals(List.of(), deliveries.claim("node-1", Set.of(), lease, 10));
        assertThrows(IllegalArgumentException.class, () -> deliveries.claim("node-1", Set.of("police"), Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> deliveries.claim("", Set.of("police"), lease, 1));

        Map<DeliveryState, Long> mycert = deliveries.counts().get("mycert");
        assertEquals(Map.of(DeliveryState.PENDING, 2L, DeliveryState.DELIVERED, 2L, DeliveryState.FAILED, 0L,
                DeliveryState.DEAD, 1L), mycert); // the status changes: c's leased by node-2, a's by node-1
    }

    @Test
    public void itemEventsKeepTheirOrderApartFromReportEvents() throws Exception {
        deliveries.fanOut(partners("p", ALL), 10);
        List<Long> ids = events(List.of(itemEvent(7), reportEvent("10000009"), itemEvent(7), itemEvent(8)));
        deliveries.fanOut(partners("p", ALL), 10);
        List<Claimed> claimed = deliveries.claim("n", Set.of("p"), LEASE, 10);
        assertEquals(List.of(ids.get(0), ids.get(1), ids.get(3)), eventIds(claimed));
        assertEquals("item-7", claimed.get(0).delivery().orderingKey());
        assertEquals("10000009", claimed.get(1).delivery().orderingKey());
        assertTrue(deliveries.delivered(claimed.get(0).delivery().id(), "n", null));
        assertEquals(List.of(ids.get(2)), eventIds(deliveries.claim("n", Set.of("p"), LEASE, 10)));
    }

    @Test
    public void orderingKeysComeFromTheReferenceOrTheItemKey() {
        assertEquals("12345674", JdbcDeliveries.orderingKey("12345674", "status-12345674-9"));
        assertEquals("item-42", JdbcDeliveries.orderingKey(null, "item-42-1001"));
        assertEquals("item-42", JdbcDeliveries.orderingKey(null, "item-42"));
        assertEquals("other-1", JdbcDeliveries.orderingKey(null, "other-1"));
        assertEquals(64, JdbcDeliveries.orderingKey(null, "x".repeat(100)).length());
    }

    // ---- leases

    @Test
    public void aLeaseKeepsOthersOutUntilItExpiresAndAStaleOwnerChangesNothing() throws Exception {
        deliveries.fanOut(partners("p", ALL), 10);
        events(List.<String[]>of(reportEvent("10000009")));
        deliveries.fanOut(partners("p", ALL), 10);
        JdbcDeliveries second = new JdbcDeliveries(db.dataSource, clock);
        long id = deliveries.claim("node-1", Set.of("p"), LEASE, 5).get(0).delivery().id();
        assertEquals(List.of(), second.claim("node-2", Set.of("p"), LEASE, 5));
        clock.advance(LEASE.minusMillis(1));
        assertEquals(List.of(), second.claim("node-2", Set.of("p"), LEASE, 5));

        // node-1 crashed: its lease runs out and node-2 takes the record
        clock.advance(Duration.ofMillis(2));
        List<Claimed> taken = second.claim("node-2", Set.of("p"), LEASE, 5);
        assertEquals(1, taken.size());
        assertEquals(id, taken.get(0).delivery().id());
        assertEquals(2, taken.get(0).delivery().attempts());
        Delivery before = deliveries.find(id).orElseThrow();
        assertFalse(deliveries.delivered(id, "node-1", "LATE"));
        assertFalse(deliveries.failed(id, "node-1", "late", clock.instant(), false));
        assertFalse(deliveries.failed(id, "node-1", "late", null, true));
        assertEquals(before, deliveries.find(id).orElseThrow());
        assertEquals(1, db.count("SELECT COUNT(*) FROM delivery WHERE id = ? AND lease_owner = 'node-2'", id));

        assertTrue(second.delivered(id, "node-2", "MYCERT-" + "7".repeat(200)));
        Delivery done = deliveries.find(id).orElseThrow();
        assertEquals(DeliveryState.DELIVERED, done.state());
        assertEquals(clock.instant(), done.deliveredAt());
        assertEquals(128, done.partnerReference().length());
        assertNull(done.nextAttemptAt());
        assertEquals(0, db.count("SELECT COUNT(*) FROM delivery WHERE lease_owner IS NOT NULL OR lease_until IS NOT NULL"));
        assertFalse(second.delivered(id, "node-2", "again"));
        assertFalse(second.failed(id, "node-2", "again", null, true));
        assertEquals(done, deliveries.find(id).orElseThrow());
        assertEquals(List.of(), second.claim("node-2", Set.of("p"), LEASE, 5));
    }

    @Test
    public void claimsStartAtTheFloorAndFindARecordBelowItAtTheNextReset() throws Exception {
        deliveries.fanOut(partners("p", ALL), 10);
        events(List.<String[]>of(reportEvent("10000009")));
        deliveries.fanOut(partners("p", ALL), 10);
        long first = deliveries.claim("n", Set.of("p"), LEASE, 10).get(0).delivery().id();
        assertTrue(deliveries.delivered(first, "n", null));
        // a minute on: the floor rises to now - FLOOR_MARGIN, and new records are above it
        clock.advance(Duration.ofMinutes(1));
        events(List.<String[]>of(reportEvent("10000017")));
        deliveries.fanOut(partners("p", ALL), 10);
        List<Claimed> second = deliveries.claim("n", Set.of("p"), LEASE, 10);
        assertEquals(1, second.size());
        assertTrue(deliveries.delivered(second.get(0).delivery().id(), "n", null));
        // a record due before the floor (as a node whose clock is far behind would write it) waits for the reset
        clock.advance(Duration.ofSeconds(5));
        events(List.<String[]>of(reportEvent("10000025")));
        deliveries.fanOut(partners("p", ALL), 10);
        assertEquals(1, db.update("UPDATE delivery SET next_attempt_at = ? WHERE state = 'PENDING'",
                java.sql.Timestamp.valueOf("2020-01-01 00:00:00")));
        assertEquals(List.of(), deliveries.claim("n", Set.of("p"), LEASE, 10));
        clock.advance(JdbcDeliveries.FLOOR_RESET);
        assertEquals(1, deliveries.claim("n", Set.of("p"), LEASE, 10).size());
        // another instance has floors of its own and finds it at once
        assertTrue(deliveries.failed(db.count("SELECT id FROM delivery WHERE state = 'PENDING'"), "n", "x",
                clock.instant(), false));
        assertEquals(1, db.update("UPDATE delivery SET next_attempt_at = ? WHERE state = 'FAILED'",
                java.sql.Timestamp.valueOf("2020-01-01 00:00:00")));
        assertEquals(1, new JdbcDeliveries(db.dataSource, clock).claim("m", Set.of("p"), LEASE, 10).size());
    }

    @Test
    public void completionsOfManyThreadsAreWrittenTogetherEachWithItsOwnResult() throws Exception {
        deliveries.fanOut(partners("p", ALL), 10);
        List<String[]> batch = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            batch.add(itemEvent(i));
        }
        events(batch);
        deliveries.fanOut(partners("p", ALL), 1000);
        List<Claimed> claimed = new ArrayList<>();
        for (List<Claimed> some = deliveries.claim("n", Set.of("p"), LEASE, 100); !some.isEmpty();
                some = deliveries.claim("n", Set.of("p"), LEASE, 100)) {
            claimed.addAll(some);
        }
        assertEquals(400, claimed.size());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Boolean>>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                go.await();
                List<Boolean> mine = new ArrayList<>();
                for (int i = thread; i < claimed.size(); i += 16) {
                    long id = claimed.get(i).delivery().id();
                    mine.add(deliveries.failed(id, "intruder", "no", null, true)); // not its lease: false
                    mine.add(i % 4 == 0 ? deliveries.failed(id, "n", "HTTP 500", clock.instant(), false)
                            : deliveries.delivered(id, "n", "P-" + id));
                    mine.add(deliveries.delivered(id, "n", "again")); // lease cleared: false
                }
                return mine;
            }));
        }
        go.countDown();
        for (Future<List<Boolean>> f : results) {
            List<Boolean> mine = f.get(60, TimeUnit.SECONDS);
            for (int i = 0; i < mine.size(); i += 3) {
                assertEquals(List.of(false, true, false), mine.subList(i, i + 3));
            }
        }
        pool.shutdown();
        assertEquals(300, db.count("SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'"
                + " AND partner_reference = 'P-' || TRIM(CAST(id AS CHAR(20)))"));
        assertEquals(100, db.count("SELECT COUNT(*) FROM delivery WHERE state = 'FAILED' AND last_error = 'HTTP 500'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM delivery WHERE lease_owner IS NOT NULL"));
    }

    @Test
    public void aFailingDatabaseFailsTheCompletionAndChangesNothing() throws Exception {
        deliveries.fanOut(partners("p", ALL), 10);
        events(List.<String[]>of(reportEvent("10000009")));
        deliveries.fanOut(partners("p", ALL), 10);
        long id = deliveries.claim("n", Set.of("p"), LEASE, 10).get(0).delivery().id();
        db.down = true;
        try {
            assertThrows(ServiceUnavailable.class, () -> deliveries.delivered(id, "n", null));
            assertThrows(ServiceUnavailable.class, () -> deliveries.claim("n", Set.of("p"), LEASE, 10));
        } finally {
            db.down = false;
        }
        assertEquals(DeliveryState.PENDING, deliveries.find(id).orElseThrow().state());
        assertTrue(deliveries.delivered(id, "n", null));
    }

    @Test
    public void anExpiredLeaseNobodyTookStillLetsItsOwnerFinish() throws Exception {
        deliveries.fanOut(partners("p", ALL), 10);
        events(List.<String[]>of(reportEvent("10000009")));
        deliveries.fanOut(partners("p", ALL), 10);
        long id = deliveries.claim("node-1", Set.of("p"), LEASE, 5).get(0).delivery().id();
        clock.advance(LEASE.multipliedBy(2));
        assertTrue(deliveries.delivered(id, "node-1", null));
        assertEquals(DeliveryState.DELIVERED, deliveries.find(id).orElseThrow().state());
    }

    @Test
    public void failuresAreCutDeadOnesListedAndRedeliveredByHand() throws Exception {
        deliveries.fanOut(partners("p", ALL, "q", ALL), 10);
        List<Long> ids = events(List.of(reportEvent("10000009"), reportEvent("10000017"), reportEvent("10000025")));
        deliveries.fanOut(partners("p", ALL, "q", ALL), 10);
        List<Claimed> claimed = deliveries.claim("n", Set.of("p"), LEASE, 10);
        assertEquals(ids, eventIds(claimed));
        long first = claimed.get(0).delivery().id();
        long second = claimed.get(1).delivery().id();
        long third = claimed.get(2).delivery().id();
        Instant next = clock.instant().plusSeconds(90);
        assertTrue(deliveries.failed(first, "n", "e".repeat(300), next, false));
        Delivery failed = deliveries.find(first).orElseThrow();
        assertEquals(DeliveryState.FAILED, failed.state());
        assertEquals("e".repeat(200), failed.lastError());
        assertEquals(next, failed.nextAttemptAt());
        assertThrows(IllegalArgumentException.class, () -> deliveries.failed(second, "n", "x", null, false));
        assertTrue(deliveries.failed(second, "n", "HTTP 422", null, true));
        assertTrue(deliveries.failed(third, "n", "HTTP 410", null, true));
        Delivery dead = deliveries.find(second).orElseThrow();
        assertEquals(DeliveryState.DEAD, dead.state());
        assertNull(dead.nextAttemptAt());
        assertEquals(1, dead.attempts());

        Page<Delivery> page = deliveries.dead(0, 1);
        assertEquals(2, page.total());
        assertEquals(List.of(third), page.entries().stream().map(Delivery::id).collect(Collectors.toList()));
        assertEquals(List.of(second), deliveries.dead(1, 1).entries().stream().map(Delivery::id).collect(Collectors.toList()));
        assertEquals(List.of(), deliveries.dead(2, 1).entries());
        assertThrows(IllegalArgumentException.class, () -> deliveries.dead(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> deliveries.dead(0, 0));

        clock.advance(Duration.ofSeconds(5));
        Delivery again = deliveries.redeliver(second);
        assertEquals(DeliveryState.PENDING, again.state());
        assertEquals(clock.instant(), again.nextAttemptAt());
        assertEquals(1, again.attempts());
        assertEquals("HTTP 422", again.lastError());
        assertEquals(dead.idempotencyKey(), again.idempotencyKey());
        assertEquals(1, deliveries.dead(0, 10).total());
        List<Claimed> retried = deliveries.claim("m", Set.of("p"), LEASE, 10);
        assertEquals(List.of(ids.get(1)), eventIds(retried));
        assertEquals(2, retried.get(0).delivery().attempts());
        assertTrue(deliveries.delivered(second, "m", "P-2"));
        Delivery delivered = deliveries.redeliver(second); // a partner lost it: sent again
        assertEquals(DeliveryState.PENDING, delivered.state());
        assertEquals("P-2", delivered.partnerReference());

        assertThrows(IllegalArgumentException.class, () -> deliveries.redeliver(second)); // PENDING
        assertThrows(IllegalArgumentException.class, () -> deliveries.redeliver(first)); // FAILED
        assertThrows(IllegalArgumentException.class, () -> deliveries.redeliver(999_999));
        assertTrue(deliveries.find(999_999).isEmpty());
    }

    // ---- two dispatchers

    /**
     * Two dispatchers, each its own instance on the one database, fan out, claim and complete side by side
     * while events keep coming: a record is never handed to both while leased, every record ends DELIVERED
     * once, with as many attempts as it was claimed, and a record is claimed only after every earlier
     * record of its partner and ordering key was delivered.
     */
    @Test
    public void twoDispatchersOnOneDatabaseDeliverEveryRecordOnceAndInOrder() throws Exception {
        JdbcDeliveries[] dispatchers = {deliveries, new JdbcDeliveries(db.dataSource, clock)};
        Map<String, Predicate<OutboxEvent>> partners = partners("mycert", ALL, "police", ALL);
        deliveries.fanOut(partners, 10);
        int reports = 400;
        List<String[]> planned = new ArrayList<>();
        for (int i = 0; i < reports; i++) {
            String reference = String.format("1%07d", i);
            planned.add(reportEvent(reference));
            planned.add(new String[] {Events.REPORT_STATUS_CHANGED, reference, "status-" + reference});
            planned.add(itemEvent(i % 50));
        }
        for (int i = 0; i < reports; i++) { // a second status change of each, after the others
            String reference = String.format("1%07d", i);
            planned.add(new String[] {Events.REPORT_STATUS_CHANGED, reference, "status2-" + reference});
        }
        int total = planned.size() * partners.size();

        Map<Long, String> holders = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> claims = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> deliveredLocally = new ConcurrentHashMap<>();
        Map<Long, Long> claimedAt = new ConcurrentHashMap<>(); // record: sequence number of its first claim
        Map<Long, Long> deliveredAt = new ConcurrentHashMap<>(); // record: sequence number before its delivery
        Map<Long, Delivery> records = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong sequence = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> producer = pool.submit((Callable<Void>) () -> {
            go.await();
            for (int from = 0; from < planned.size(); from += 100) {
                events(planned.subList(from, Math.min(planned.size(), from + 100)));
            }
            producing.set(false);
            return null;
        });
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < dispatchers.length; t++) {
            JdbcDeliveries d = dispatchers[t];
            String owner = "node-" + t;
            workers.add(pool.submit(() -> {
                go.await();
                int failures = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (done.get() < total && System.nanoTime() < deadline) {
                    d.fanOut(partners, 200);
                    List<Claimed> claimed = d.claim(owner, partners.keySet(), Duration.ofMinutes(10), 25);
                    long seq = sequence.incrementAndGet();
                    for (Claimed c : claimed) {
                        long id = c.delivery().id();
                        String other = holders.putIfAbsent(id, owner);
                        if (other != null) {
                            problems.add(id + " claimed by " + owner + " while " + other + " held it");
                        }
                        claims.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        claimedAt.putIfAbsent(id, seq); // the first claim
                        records.put(id, c.delivery());
                        if (c.delivery().eventId() != c.event().id()) {
                            problems.add(id + " came with another event");
                        }
                    }
                    for (Claimed c : claimed) {
                        long id = c.delivery().id();
                        // every fifth event fails its first attempt, due again at once
                        boolean fail = c.event().id() % 5 == 0 && c.delivery().attempts() == 1;
                        holders.remove(id);
                        if (fail) {
                            failures++;
                            if (!d.failed(id, owner, "HTTP 503", clock.instant(), false)) {
                                problems.add(id + ": failed refused to its owner");
                            }
                        } else {
                            deliveredAt.put(id, sequence.incrementAndGet());
                            deliveredLocally.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            if (!d.delivered(id, owner, "R-" + id)) {
                                problems.add(id + ": delivered refused to its owner");
                            }
                            done.incrementAndGet();
                        }
                    }
                    if (claimed.isEmpty()) {
                        Thread.sleep(1);
                    }
                }
                return failures;
            }));
        }
        long started = System.nanoTime();
        go.countDown();
        producer.get(120, TimeUnit.SECONDS);
        int failures = 0;
        for (Future<Integer> f : workers) {
            failures += f.get(180, TimeUnit.SECONDS);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        pool.shutdown();
        System.out.printf("two dispatchers: %d records (%d failed attempts) in %d ms%n", total, failures, millis);

        assertEquals(List.of(), new ArrayList<>(problems));
        assertEquals(total, done.get());
        assertEquals(total, db.count("SELECT COUNT(*) FROM delivery"));
        assertEquals(total, db.count("SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED' AND lease_owner IS NULL"
                + " AND partner_reference = 'R-' || TRIM(CAST(id AS CHAR(20)))"));
        assertEquals(total, deliveredLocally.size());
        assertTrue(deliveredLocally.values().stream().allMatch(n -> n.get() == 1));
        assertTrue(failures > 0);
        try (Connection c = db.dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT id, attempts FROM delivery")) {
            while (rs.next()) {
                assertEquals("attempts of " + rs.getLong(1), claims.get(rs.getLong(1)).get(), rs.getInt(2));
            }
        }
        // order per partner and key: each record claimed (last) after the one before it was delivered
        Map<String, List<Delivery>> byKey = records.values().stream()
                .collect(Collectors.groupingBy(r -> r.partner() + " " + r.orderingKey()));
        int ordered = 0;
        for (List<Delivery> key : byKey.values()) {
            key.sort((x, y) -> Long.compare(x.eventId(), y.eventId()));
            for (int i = 1; i < key.size(); i++) {
                assertTrue(key.get(i) + " before " + key.get(i - 1),
                        claimedAt.get(key.get(i).id()) > deliveredAt.get(key.get(i - 1).id()));
                ordered++;
            }
        }
        assertTrue(ordered > total / 2);
        Map<DeliveryState, Long> expected = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) {
            expected.put(s, 0L);
        }
        expected.put(DeliveryState.DELIVERED, (long) planned.size());
        assertEquals(Map.of("mycert", expected, "police", expected), deliveries.counts());
    }

    @Test
    public void aReportsDeliveriesIncludeThoseOfItsItems() throws Exception {
        deliveries.fanOut(partners("mycert", ALL, "police", ALL), 10);
        String r = save("https://a.example/x", "https://a.example/y");
        String s = save("https://a.example/x");
        long x = itemId("https://a.example/x");
        long y = itemId("https://a.example/y");
        cases.classify(x, Classification.CSAM, null, "ana");
        cases.changeStatus(r, ReportStatus.UNDER_REVIEW, null, "ana");
        cases.classify(y, Classification.GROOMING, null, "ana");
        assertEquals(2 * 5, deliveries.fanOut(partners("mycert", ALL, "police", ALL), 100));

        List<Delivery> forR = deliveries.forReport(r);
        assertEquals(List.of("mycert report.received", "police report.received", "mycert item.classified",
                "police item.classified", "mycert report.status-changed", "police report.status-changed",
                "mycert item.classified", "police item.classified"), types(forR));
        assertEquals(List.of(r, r, "item-" + x, "item-" + x, r, r, "item-" + y, "item-" + y),
                forR.stream().map(Delivery::orderingKey).collect(Collectors.toList()));
        assertEquals(List.of("mycert report.received", "police report.received", "mycert item.classified",
                "police item.classified"), types(deliveries.forReport(s)));
        List<Long> events = forR.stream().map(Delivery::eventId).collect(Collectors.toList());
        List<Long> sorted = new ArrayList<>(events);
        Collections.sort(sorted);
        assertEquals(sorted, events);
        for (Delivery d : forR) {
            assertEquals(d, deliveries.find(d.id()).orElseThrow());
            assertNotNull(d.createdAt());
        }
    }
}
