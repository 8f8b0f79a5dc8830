package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.laporpredator.api.Category;
import org.laporpredator.api.IdempotencyKey;
import org.laporpredator.api.ItemSource;
import org.laporpredator.api.NewItem;
import org.laporpredator.api.NewReport;
import org.laporpredator.api.ReferenceIssuer;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.api.cases.Classification;

public class JdbcReportStoreTest {

    private static final String CONTACT = "siti.aminah@example.my 012-3456789";
    private static final String DESCRIPTION = "seen in a group chat";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final TestDb db = new TestDb();
    private final Reports.Issuer issuer = new Reports.Issuer();
    private Path keyFile;
    private JdbcReportStore store;

    @Before
    public void start() {
        keyFile = tmp.getRoot().toPath().resolve("etc/lapor-contact.key");
        store = new JdbcReportStore(db.dataSource, keyFile);
    }

    @After
    public void drop() {
        db.drop();
    }

    @Test
    public void saveWritesReportItemsLinksAndOneOutboxRow() throws Exception {
        NewItem a = Reports.item("https://a.example/one");
        NewItem b = new NewItem("t.me/somechannel", "TELEGRAM", "CHANNEL", Map.of("username", "somechannel"),
                "https://t.me/somechannel", "telegram:channel:somechannel");
        Instant before = Instant.now().minusSeconds(1);
        String reference = store.save(Reports.report(false, CONTACT, a, b), issuer);

        assertTrue(ReferenceNumbers.isValid(reference));
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM report WHERE reference = ?")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("channel-web", rs.getString("channel"));
                assertEquals("CSAM", rs.getString("category"));
                assertEquals("WEBSITE", rs.getString("platform_hint"));
                assertEquals(DESCRIPTION, rs.getString("description"));
                assertEquals("ms", rs.getString("language"));
                assertFalse(rs.getBoolean("anonymous"));
                assertEquals("RECEIVED", rs.getString("status").trim());
                assertFalse(rs.next());
            }
        }
        assertEquals(2, db.count("SELECT COUNT(*) FROM item"));
        assertEquals(1, db.count("SELECT report_count FROM item WHERE key_hash = ?", sha256("web:https://a.example/one")));
        assertEquals(1, db.count("SELECT report_count FROM item WHERE key_hash = ?", sha256("telegram:channel:somechannel")));
        assertEquals(1, db.count("SELECT COUNT(*) FROM item WHERE dedup_key = ? AND platform = 'TELEGRAM' AND kind = 'CHANNEL'"
                + " AND canonical_url = 'https://t.me/somechannel'", "telegram:channel:somechannel"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM report_item ri JOIN report r ON r.id = ri.report_id"
                + " WHERE r.reference = ?", reference));
        assertEquals(1, db.count("SELECT COUNT(*) FROM report_item ri JOIN item i ON i.id = ri.item_id"
                + " WHERE ri.position = 1 AND ri.input_text = 't.me/somechannel' AND i.kind = 'CHANNEL'"));

        try (Connection c = db.dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT * FROM outbox")) {
            assertTrue(rs.next());
            assertEquals("report.received", rs.getString("event_type"));
            assertEquals("report-" + reference, rs.getString("idempotency_key"));
            assertEquals(reference, rs.getString("reference"));
            assertNull(rs.getTimestamp("dispatched_at"));
            String payload = rs.getString("payload");
            assertFalse(rs.next());

            assertFalse("payload holds the contact", payload.contains("siti"));
            assertFalse("payload holds the description", payload.contains(DESCRIPTION));
            JsonNode json = new ObjectMapper().readTree(payload);
            assertEquals("version", json.fieldNames().next());
            assertEquals(1, json.get("version").asInt());
            assertFalse(json.get("urgent").asBoolean());
            assertTrue(json.get("urgent").isBoolean());
            assertEquals(reference, json.get("reference").asText());
            assertEquals("CSAM", json.get("category").asText());
            assertEquals("WEBSITE", json.get("platformHint").asText());
            assertEquals("ms", json.get("language").asText());
            Instant createdAt = Instant.parse(json.get("createdAt").asText());
            assertTrue(createdAt.isAfter(before) && !createdAt.isAfter(Instant.now()));
            assertFalse(json.has("contact"));
            assertFalse(json.has("description"));
            assertEquals(2, json.get("items").size());
            JsonNode second = json.get("items").get(1);
            assertEquals("TELEGRAM", second.get("platform").asText());
            assertEquals("CHANNEL", second.get("kind").asText());
            assertEquals("https://t.me/somechannel", second.get("canonicalUrl").asText());
            assertEquals("somechannel", second.get("identifiers").get("username").asText());
            assertEquals("telegram:channel:somechannel", second.get("dedupKey").asText());
        }
    }

    @Test
    public void statusOfASavedReportIsReceived() {
        Instant before = Instant.now().minusSeconds(1);
        String reference = store.save(Reports.report(true, null, Reports.item("https://a.example/s")), issuer);
        StatusRecord status = store.status(reference).orElseThrow();
        assertEquals(reference, status.reference());
        assertEquals(ReportStatus.RECEIVED, status.status());
        assertTrue(status.updatedAt().isAfter(before) && !status.updatedAt().isAfter(Instant.now()));
    }

    @Test
    public void statusOfAnUnknownReferenceIsEmpty() {
        store.save(Reports.report(true, null, Reports.item("https://a.example/s")), issuer);
        assertEquals(Optional.empty(), store.status(ReferenceNumbers.complete("9999999")));
    }

    @Test
    public void theSameItemInTwoReportsIsOneItemCountedTwice() throws Exception {
        String first = store.save(Reports.report(true, null, Reports.item("https://a.example/same")), issuer);
        String second = store.save(Reports.report(true, null, Reports.item("https://a.example/same")), issuer);
        assertNotEquals(first, second);
        assertEquals(1, db.count("SELECT COUNT(*) FROM item"));
        assertEquals(2, db.count("SELECT report_count FROM item"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM report_item"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    public void itemsStoredBeforeAStartAndBehindTheStoresBackAreCountedNotDuplicated() throws Exception {
        store.save(Reports.report(true, null, Reports.item("https://a.example/before")), issuer);
        store.close();
        store = new JdbcReportStore(db.dataSource, keyFile); // knows "before" from the start
        insertItemRow("web:https://a.example/behind"); // unknown to the store until the database refuses it
        store.save(Reports.report(true, null, Reports.item("https://a.example/before"),
                Reports.item("https://a.example/behind"), Reports.item("https://a.example/new")), issuer);
        assertEquals(3, db.count("SELECT COUNT(*) FROM item"));
        assertEquals(2, db.count("SELECT report_count FROM item WHERE dedup_key = ?", "web:https://a.example/before"));
        assertEquals(2, db.count("SELECT report_count FROM item WHERE dedup_key = ?", "web:https://a.example/behind"));
        assertEquals(1, db.count("SELECT report_count FROM item WHERE dedup_key = ?", "web:https://a.example/new"));
        assertEquals(4, db.count("SELECT COUNT(*) FROM report_item ri JOIN item i ON i.id = ri.item_id"));
    }

    private void insertItemRow(String dedupKey) throws SQLException {
        db.update("INSERT INTO item (id, key_hash, dedup_key, platform, kind, canonical_url, identifiers, report_count,"
                + " first_reported_at, last_reported_at) VALUES (1000, ?, ?, 'WEBSITE', 'WEB_PAGE', 'https://x', '{}', 1,"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                HexFormat.of().parseHex(JdbcReportStore.keyHash(dedupKey)), dedupKey);
    }

    @Test
    public void theSameItemTwiceInOneReportCountsOnceButLinksBothInputs() throws Exception {
        NewItem typed = Reports.item("https://a.example/same");
        NewItem otherShape = new NewItem("hxxp://a[.]example/same", typed.platform(), typed.kind(), typed.identifiers(),
                typed.canonicalUrl(), typed.dedupKey());
        String reference = store.save(Reports.report(true, null, typed, otherShape), issuer);
        assertEquals(1, db.count("SELECT COUNT(*) FROM item"));
        assertEquals(1, db.count("SELECT report_count FROM item"));
        assertEquals(2, db.count("SELECT COUNT(DISTINCT ri.input_text) FROM report_item ri JOIN report r ON r.id = ri.report_id"
                + " WHERE r.reference = ?", reference));
        assertEquals(1, db.count("SELECT COUNT(*) FROM report_item WHERE position = 1 AND input_text = 'hxxp://a[.]example/same'"));
        String payload = onePayload();
        assertEquals(1, new ObjectMapper().readTree(payload).get("items").size());
    }

    @Test
    public void anUrgentReportIsStoredAndSaysSoInItsEvent() throws Exception {
        NewReport plain = Reports.report(true, null, Reports.item("https://a.example/u"));
        NewReport urgent = new NewReport(plain.channel(), plain.category(), plain.platformHint(), plain.description(),
                plain.language(), true, null, plain.items(), null, true);
        String reference = store.save(urgent, issuer);
        assertEquals(1, db.count("SELECT urgent FROM report WHERE reference = ?", reference));
        JsonNode json = new ObjectMapper().readTree(onePayload());
        assertTrue(json.get("urgent").asBoolean());
        assertEquals(1, json.get("version").asInt());
        assertEquals("report.received", JdbcReportStore.EVENT_REPORT_RECEIVED);
        String calm = store.save(plain, issuer);
        assertEquals(0, db.count("SELECT urgent FROM report WHERE reference = ?", calm));
    }

    @Test
    public void chatItemsKeepWhereTheyWereFoundAndTheMessageTime() throws Exception {
        NewItem typed = Reports.item("https://a.example/typed");
        NewItem fromChat = new NewItem("+60123456789", "WHATSAPP", "PHONE_NUMBER", Map.of("phone", "+60123456789"),
                "https://wa.me/60123456789", "WHATSAPP|PHONE_NUMBER|60123456789", ItemSource.CHAT,
                LocalDateTime.of(2024, 3, 1, 21, 41));
        store.save(Reports.report(true, null, typed, fromChat), issuer);
        assertEquals(1, db.count("SELECT COUNT(*) FROM report_item WHERE source = 'URLS' AND seen_at IS NULL"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM report_item WHERE source = 'CHAT'"
                + " AND seen_at = TIMESTAMP('2024-03-01 21:41:00')"));
    }

    @Test
    public void aFailureInTheMiddleLeavesNothingBehind() throws Exception {
        store.save(Reports.report(false, CONTACT, Reports.item("https://a.example/known")), issuer);

        String tooLong = "https://a.example/" + "x".repeat(5000);
        NewItem bad = new NewItem("bad", "WEBSITE", "WEB_PAGE", Map.of(), tooLong, "web:bad");
        NewReport report = Reports.report(false, CONTACT, Reports.item("https://a.example/known"),
                Reports.item("https://a.example/new"), bad);
        ServiceUnavailable e = assertThrows(ServiceUnavailable.class, () -> store.save(report, issuer));
        assertNull("no database detail reaches the caller", e.getCause());

        assertEquals(1, db.count("SELECT COUNT(*) FROM report"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM item"));
        assertEquals(1, db.count("SELECT report_count FROM item"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM report_item"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    public void aTakenReferenceIsDrawnAgain() throws Exception {
        String taken = ReferenceNumbers.complete("1234567");
        String fresh = ReferenceNumbers.complete("7654321");
        ListIssuer draws = new ListIssuer(taken, taken, fresh);
        assertEquals(taken, store.save(Reports.report(true, null, Reports.item("https://a.example/1")), draws));
        assertEquals(fresh, store.save(Reports.report(true, null, Reports.item("https://a.example/2")), draws));
        assertEquals(3, draws.calls.get());
        assertEquals(2, db.count("SELECT COUNT(*) FROM report"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM outbox WHERE idempotency_key = ?", "report-" + fresh));
        assertEquals(1, db.count("SELECT COUNT(*) FROM report_item ri JOIN report r ON r.id = ri.report_id"
                + " WHERE r.reference = ?", fresh));
    }

    @Test
    public void aReferenceTakenBehindTheStoresBackIsDrawnAgain() throws Exception {
        String before = ReferenceNumbers.complete("1111111");
        String behind = ReferenceNumbers.complete("2222222");
        String fresh = ReferenceNumbers.complete("3333333");
        insertReportRow(before);
        store.close();
        store = new JdbcReportStore(db.dataSource, keyFile); // knows "before" from the start
        insertReportRow(behind); // unknown to the store until the database refuses it
        ListIssuer draws = new ListIssuer(before, behind, fresh);
        assertEquals(fresh, store.save(Reports.report(true, null, Reports.item("https://a.example/1")), draws));
        assertEquals(3, draws.calls.get());
        assertEquals(3, db.count("SELECT COUNT(*) FROM report"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM outbox"));
        ListIssuer again = new ListIssuer(behind, fresh, before, ReferenceNumbers.complete("4444444"));
        assertEquals(ReferenceNumbers.complete("4444444"),
                store.save(Reports.report(true, null, Reports.item("https://a.example/2")), again));
    }

    private void insertReportRow(String reference) throws SQLException {
        db.update("INSERT INTO report (reference, channel, category, language, anonymous, created_at, updated_at)"
                + " VALUES (?, 'web', 'CSAM', 'en', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", reference);
    }

    @Test
    public void onlyTakenReferencesGiveServiceUnavailableAfterACap() throws Exception {
        String taken = ReferenceNumbers.complete("1234567");
        store.save(Reports.report(true, null, Reports.item("https://a.example/1")), new ListIssuer(taken));
        AtomicInteger calls = new AtomicInteger();
        ReferenceIssuer always = () -> {
            calls.incrementAndGet();
            return taken;
        };
        assertThrows(ServiceUnavailable.class,
                () -> store.save(Reports.report(true, null, Reports.item("https://a.example/2")), always));
        assertEquals(JdbcReportStore.MAX_REFERENCE_DRAWS, calls.get());
        assertEquals(1, db.count("SELECT COUNT(*) FROM report"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM item"));
    }

    @Test
    public void anAnonymousReportStoresNoContact() throws Exception {
        String reference = store.save(new NewReport("channel-web", Category.GROOMING, null, null, "en", true, CONTACT,
                List.of(Reports.item("https://a.example/anon"))), issuer);
        assertEquals(1, db.count("SELECT COUNT(*) FROM report WHERE reference = ? AND anonymous = TRUE"
                + " AND contact_enc IS NULL AND platform_hint IS NULL AND description IS NULL", reference));
    }

    @Test
    public void theContactIsEncryptedAtRestAndDecryptsBack() throws Exception {
        String reference = store.save(Reports.report(false, CONTACT, Reports.item("https://a.example/c")), issuer);
        byte[] stored = storedContact(reference);
        byte[] plain = CONTACT.getBytes(StandardCharsets.UTF_8);
        assertTrue(stored.length > plain.length);
        assertFalse(contains(stored, plain));
        assertFalse(contains(stored, "siti".getBytes(StandardCharsets.UTF_8)));

        ContactCipher cipher = ContactCipher.fromKeyFile(keyFile);
        assertEquals(CONTACT, cipher.decrypt(stored, reference));
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(stored, ReferenceNumbers.complete("0000000")));
    }

    @Test
    public void concurrentSavesOfTheSameItemCountExactly() throws Exception {
        int threads = 8;
        int perThread = 15; // crosses an identity preallocation boundary (100) under contention
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Callable<List<String>> task = () -> {
                go.await();
                List<String> refs = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    refs.add(store.save(Reports.report(true, null, Reports.item("https://a.example/hot"),
                            Reports.item("https://a.example/t" + thread + "/" + i)), issuer));
                }
                return refs;
            };
            results.add(pool.submit(task));
        }
        go.countDown();
        List<String> all = new ArrayList<>();
        for (Future<List<String>> f : results) {
            all.addAll(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        int total = threads * perThread;
        assertEquals(total, all.stream().distinct().count());
        assertEquals(total, db.count("SELECT COUNT(*) FROM report"));
        assertEquals(total, db.count("SELECT report_count FROM item WHERE dedup_key = ?", "web:https://a.example/hot"));
        assertEquals(1 + total, db.count("SELECT COUNT(*) FROM item"));
        assertEquals(2 * total, db.count("SELECT COUNT(*) FROM report_item"));
        assertEquals(total, db.count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    public void statsCountReportsClassifiedAndRemovedCsamLinks() throws Exception {
        assertEquals(new Stats(0, 0, 0), store.stats());
        store.save(Reports.report(true, null, Reports.item("https://a.example/1"), Reports.item("https://a.example/2")), issuer);
        store.save(Reports.report(true, null, Reports.item("https://a.example/3"), Reports.item("https://a.example/4")), issuer);
        store.save(Reports.report(true, null, Reports.item("https://a.example/1"), Reports.item("https://a.example/5")), issuer);
        JdbcCases cases = new JdbcCases(db.dataSource, keyFile); // the counters are kept by the decisions
        cases.classify(itemId("web:https://a.example/1"), Classification.CSAM, null, "analyst");
        cases.classify(itemId("web:https://a.example/2"), Classification.CSAM, null, "analyst");
        cases.classify(itemId("web:https://a.example/3"), Classification.CSAM_NATIONAL, null, "analyst");
        cases.classify(itemId("web:https://a.example/4"), Classification.NOT_ILLEGAL, null, "analyst");
        cases.recordRemoval(itemId("web:https://a.example/4"), null, null, "analyst");
        cases.recordRemoval(itemId("web:https://a.example/1"), null, null, "analyst");
        assertEquals(new Stats(3, 3, 1), store.stats());
    }

    private long itemId(String dedupKey) throws SQLException {
        return db.count("SELECT id FROM item WHERE dedup_key = ?", dedupKey);
    }

    @Test
    public void aBrokenWriterConnectionIsReplaced() throws Exception {
        String first = store.save(Reports.report(true, null, Reports.item("https://a.example/1")), issuer);
        db.breakConnections();
        String second = store.save(Reports.report(true, null, Reports.item("https://a.example/2")), issuer);
        assertEquals(2, db.count("SELECT COUNT(*) FROM report WHERE reference IN (?, ?)", first, second));
    }

    @Test
    public void healthyWhileTheDatabaseAnswers() {
        assertTrue(store.isHealthy());
    }

    @Test
    public void aDatabaseThatIsDownGivesServiceUnavailable() {
        db.down = true;
        assertFalse(store.isHealthy());
        assertThrows(ServiceUnavailable.class,
                () -> store.save(Reports.report(true, null, Reports.item("https://a.example/1")), issuer));
        assertThrows(ServiceUnavailable.class, () -> store.status(ReferenceNumbers.complete("1234567")));
        assertThrows(ServiceUnavailable.class, () -> store.stats());
    }

    @Test
    public void theKeyFileDefaultsToKarafEtc() {
        String old = System.getProperty("karaf.etc");
        try {
            System.setProperty("karaf.etc", "/opt/karaf/etc");
            assertEquals(Paths.get("/opt/karaf/etc/lapor-contact.key"), JdbcReportStore.keyFile(""));
            assertEquals(Paths.get("/srv/key"), JdbcReportStore.keyFile(" /srv/key "));
            System.clearProperty("karaf.etc");
            assertEquals(Paths.get("etc/lapor-contact.key"), JdbcReportStore.keyFile(null));
        } finally {
            if (old == null) {
                System.clearProperty("karaf.etc");
            } else {
                System.setProperty("karaf.etc", old);
            }
        }
    }

    private String onePayload() throws Exception {
        try (Connection c = db.dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT payload FROM outbox")) {
            assertTrue(rs.next());
            String payload = rs.getString(1);
            assertFalse(rs.next());
            return payload;
        }
    }

    private byte[] storedContact(String reference) throws Exception {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT contact_enc FROM report WHERE reference = ?")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBytes(1);
            }
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out the given references in order. */
    private static final class ListIssuer implements ReferenceIssuer {
        private final Iterator<String> references;
        final AtomicInteger calls = new AtomicInteger();

        ListIssuer(String... references) {
            this.references = List.of(references).iterator();
        }

        @Override
        public synchronized String next() {
            calls.incrementAndGet();
            if (!references.hasNext()) {
                fail("issuer asked too often");
            }
            return references.next();
        }
    }

    private static NewReport withKey(String keyHash, String fingerprint, String url) {
        NewReport r = Reports.report(true, null, Reports.item(url));
        return new NewReport(r.channel(), r.category(), r.platformHint(), r.description(), r.language(), r.anonymous(),
                r.contact(), r.items(), new IdempotencyKey(keyHash, fingerprint));
    }

    @Test
    public void anIdempotencyKeyIsStoredWithItsReportAndFoundAgain() throws Exception {
        String key = "a".repeat(64);
        assertTrue(store.idempotent(key).isEmpty());
        String reference = store.save(withKey(key, "f".repeat(64), "https://a.example/k"), issuer);
        assertEquals(Optional.of(new IdempotencyKey.Stored(reference, "f".repeat(64))), store.idempotent(key));
        assertTrue(store.idempotent("b".repeat(64)).isEmpty());
        assertEquals(1, db.count("SELECT COUNT(*) FROM idempotency_key"));
    }

    @Test
    public void aKeyTakenBehindTheStoresBackFailsThatReportAlone() throws Exception {
        String key = "c".repeat(64);
        db.update("INSERT INTO idempotency_key (key_hash, fingerprint, reference, created_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)",
                key, "f".repeat(64), "12345674");
        assertThrows(ServiceUnavailable.class, () -> store.save(withKey(key, "e".repeat(64), "https://a.example/x"), issuer));
        assertEquals(0, db.count("SELECT COUNT(*) FROM report"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox"));
        store.save(withKey("d".repeat(64), "e".repeat(64), "https://a.example/y"), issuer);
        assertEquals(1, db.count("SELECT COUNT(*) FROM report"));
    }

    @Test
    public void idempotencyKeysAreKeptADay() throws Exception {
        String old = "1".repeat(64);
        String fresh = "2".repeat(64);
        store.save(withKey(old, "f".repeat(64), "https://a.example/old"), issuer);
        store.save(withKey(fresh, "f".repeat(64), "https://a.example/fresh"), issuer);
        db.update("UPDATE idempotency_key SET created_at = ? WHERE key_hash = ?",
                java.sql.Timestamp.from(Instant.now().minus(JdbcReportStore.IDEMPOTENCY_KEPT).minus(java.time.Duration.ofDays(1))), old);
        assertTrue("an expired key is not found", store.idempotent(old).isEmpty());
        assertTrue(store.idempotent(fresh).isPresent());
        assertEquals(1, store.purgeIdempotencyKeys(Instant.now()));
        assertEquals(1, db.count("SELECT COUNT(*) FROM idempotency_key"));
        assertEquals("the reports stay", 2, db.count("SELECT COUNT(*) FROM report"));
    }
}
