package org.laporpredator.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.laporpredator.api.Category;
import org.laporpredator.api.ItemSource;
import org.laporpredator.api.NewItem;
import org.laporpredator.api.NewReport;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.StatusMessage;
import org.laporpredator.api.Stats;
import org.laporpredator.api.cases.AuditEntry;
import org.laporpredator.api.cases.AuditQuery;
import org.laporpredator.api.cases.CaseItem;
import org.laporpredator.api.cases.CaseNotFound;
import org.laporpredator.api.cases.CaseReport;
import org.laporpredator.api.cases.Classification;
import org.laporpredator.api.cases.Dashboard;
import org.laporpredator.api.cases.ExportRow;
import org.laporpredator.api.cases.HistoryEntry;
import org.laporpredator.api.cases.Page;
import org.laporpredator.api.cases.QueueEntry;
import org.laporpredator.api.cases.QueueQuery;
import org.laporpredator.api.cases.TransitionNotAllowed;

public class JdbcCasesTest {

    private static final String CONTACT = "siti.aminah@example.my 012-3456789";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final TestDb db = new TestDb();
    private final Reports.Issuer issuer = new Reports.Issuer();
    private final ObjectMapper json = new ObjectMapper();
    private JdbcReportStore store;
    private JdbcCases cases;

    @Before
    public void start() {
        Path keyFile = tmp.getRoot().toPath().resolve("etc/lapor-contact.key");
        store = new JdbcReportStore(db.dataSource, keyFile);
        cases = new JdbcCases(db.dataSource, keyFile);
    }

    @After
    public void stop() {
        store.close();
        db.drop();
    }

    private long itemId(String url) throws SQLException {
        return db.count("SELECT id FROM item WHERE dedup_key = ?", "web:" + url);
    }

    private String save(boolean anonymous, String contact, String... urls) {
        List<NewItem> items = new ArrayList<>();
        for (String url : urls) {
            items.add(Reports.item(url));
        }
        return store.save(Reports.report(anonymous, contact, items.toArray(NewItem[]::new)), issuer);
    }

    /** Every row of a table count, to show that a refused call changed nothing. */
    private List<Long> everything() throws SQLException {
        List<Long> counts = new ArrayList<>();
        for (String table : List.of("audit_log", "report_event", "classification", "classification_history", "outbox")) {
            counts.add(db.count("SELECT COUNT(*) FROM " + table));
        }
        counts.add(db.count("SELECT SUM(value) FROM counter"));
        counts.add(db.count("SELECT last_id FROM outbox_ids"));
        counts.add(db.count("SELECT COUNT(*) FROM report WHERE status <> 'RECEIVED'"));
        return counts;
    }

    private List<JsonNode> events(String type) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT event_type, payload FROM outbox ORDER BY id")) {
            while (rs.next()) {
                if (rs.getString(1).equals(type)) {
                    events.add(json.readTree(rs.getString(2)));
                }
            }
        }
        return events;
    }

    // ---- status

    @Test
    public void aMessageOfAnotherStatusIsRefusedAndChangesNothing() throws Exception {
        String reference = save(true, null, "https://a.example/2");
        assertEquals(StatusMessage.RECEIVED, cases.report(reference).orElseThrow().statusMessage());
        List<Long> unchanged = everything();
        assertThrows(IllegalArgumentException.class,
                () -> cases.changeStatus(reference, ReportStatus.UNDER_REVIEW, StatusMessage.CLOSED_UNREACHABLE, "ana"));
        assertEquals(unchanged, everything());
        assertEquals(ReportStatus.RECEIVED, store.status(reference).orElseThrow().status());
        // CLOSED from any state, with one of CLOSED's messages
        cases.changeStatus(reference, ReportStatus.CLOSED, StatusMessage.CLOSED_UNREACHABLE, "ana");
        assertEquals(StatusMessage.CLOSED_UNREACHABLE.text("en"), store.status(reference).orElseThrow().text("en"));
    }

    @Test
    public void statusMovesOneStepAtATimeOrToClosed() throws Exception {
        TestClock clock = clock("2026-03-10T01:00:00Z");
        String reference = save(true, null, "https://a.example/1");
        Instant before = store.status(reference).orElseThrow().updatedAt();
        clock.set("2026-03-10T01:00:05Z");
        assertEquals(StatusMessage.UNDER_REVIEW, cases.changeStatus(reference, ReportStatus.UNDER_REVIEW, null, "ana"));
        assertEquals(ReportStatus.UNDER_REVIEW, store.status(reference).orElseThrow().status());
        assertTrue(store.status(reference).orElseThrow().updatedAt().isAfter(before));

        List<Long> unchanged = everything();
        TransitionNotAllowed e = assertThrows(TransitionNotAllowed.class,
                () -> cases.changeStatus(reference, ReportStatus.ACTIONED, null, "ana"));
        assertTrue(e.getMessage().contains("UNDER_REVIEW"));
        assertThrows(TransitionNotAllowed.class, () -> cases.changeStatus(reference, ReportStatus.RECEIVED, null, "ana"));
        assertThrows(TransitionNotAllowed.class, () -> cases.changeStatus(reference, ReportStatus.UNDER_REVIEW, null, "ana"));
        assertEquals(unchanged, everything());

        cases.changeStatus(reference, ReportStatus.REFERRED, null, "ana");
        assertEquals(StatusMessage.CLOSED_NOT_ILLEGAL,
                cases.changeStatus(reference, ReportStatus.CLOSED, StatusMessage.CLOSED_NOT_ILLEGAL, "ben"));
        assertEquals(StatusMessage.CLOSED_NOT_ILLEGAL, store.status(reference).orElseThrow().message());
        assertEquals(StatusMessage.CLOSED_NOT_ILLEGAL, cases.report(reference).orElseThrow().statusMessage());
        assertThrows(TransitionNotAllowed.class, () -> cases.changeStatus(reference, ReportStatus.ACTIONED, null, "ana"));
        assertEquals(ReportStatus.CLOSED, store.status(reference).orElseThrow().status());

        List<HistoryEntry> history = cases.report(reference).orElseThrow().history();
        assertEquals(List.of("RECEIVED -> UNDER_REVIEW (under-review)", "UNDER_REVIEW -> REFERRED (referred)",
                "REFERRED -> CLOSED (closed-not-illegal)"),
                history.stream().map(HistoryEntry::detail).collect(Collectors.toList()));
        assertEquals("ben", history.get(2).actor());
        assertEquals("status-changed", history.get(0).action());
        assertEquals(3, db.count("SELECT COUNT(*) FROM audit_log WHERE action = 'status-changed' AND target = ?", reference));

        List<JsonNode> events = events(JdbcCases.EVENT_STATUS_CHANGED);
        assertEquals(3, events.size());
        assertEquals(1, events.get(2).get("version").asInt());
        assertEquals(reference, events.get(2).get("reference").asText());
        assertEquals("REFERRED", events.get(2).get("from").asText());
        assertEquals("CLOSED", events.get(2).get("to").asText());
        assertEquals("closed-not-illegal", events.get(2).get("messageKey").asText());
        assertNotNull(Instant.parse(events.get(2).get("at").asText()));
        assertEquals(3, db.count("SELECT COUNT(*) FROM outbox WHERE reference = ? AND event_type = ?", reference,
                JdbcCases.EVENT_STATUS_CHANGED));
    }

    // ---- classification

    @Test
    public void countersStayExactThroughReclassificationRemovalAndUndo() throws Exception {
        save(true, null, "https://a.example/x", "https://a.example/other");
        long x = itemId("https://a.example/x");
        long other = itemId("https://a.example/other");
        assertEquals(new Stats(1, 0, 0), store.stats());

        CaseItem item = cases.classify(x, Classification.CSAM, "clear case", "ana");
        assertEquals(Classification.CSAM, item.classification());
        assertEquals("ana", item.classifiedBy());
        assertNotNull(item.classifiedAt());
        assertNull(item.removedAt());
        assertEquals(new Stats(1, 1, 0), store.stats());

        item = cases.recordRemoval(x, Instant.parse("2026-12-01T10:00:00Z"), "gone", "ben");
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), item.removedAt());
        assertEquals(Classification.CSAM, item.classification());
        assertEquals("ana", item.classifiedBy());
        assertEquals(new Stats(1, 1, 1), store.stats());
        cases.recordRemoval(x, null, "seen gone again", "ben"); // recorded again: still one
        assertEquals(new Stats(1, 1, 1), store.stats());

        cases.classify(x, Classification.NOT_ILLEGAL, "on second look", "cik");
        assertEquals(new Stats(1, 0, 0), store.stats());

        item = cases.classify(x, Classification.CSAM_NATIONAL, "under SOAC 2017", "dan");
        assertEquals(new Stats(1, 1, 1), store.stats()); // the removal stays recorded
        assertNotNull(item.removedAt());

        cases.classify(other, Classification.CSAM, null, "ana");
        assertEquals(new Stats(1, 2, 1), store.stats());

        item = cases.undoRemoval(x, "ben");
        assertNull(item.removedAt());
        assertEquals(Classification.CSAM_NATIONAL, item.classification());
        assertEquals(new Stats(1, 2, 0), store.stats());
        List<Long> unchanged = everything();
        cases.undoRemoval(x, "ben"); // nothing to undo
        assertEquals(unchanged, everything());

        cases.recordRemoval(other, null, null, "ben");
        assertEquals(new Stats(1, 2, 1), store.stats());
        assertEquals(db.count("SELECT COUNT(*) FROM classification WHERE classification IN ('CSAM', 'CSAM_NATIONAL')"),
                db.count("SELECT value FROM counter WHERE name = 'classified_csam'"));

        assertEquals(List.of("item-classified", "item-removed", "item-removed", "item-classified", "item-classified",
                "removal-undone"), column("SELECT action FROM classification_history WHERE item_id = " + x + " ORDER BY id"));
        assertEquals(List.of("CSAM", "CSAM", "CSAM", "NOT_ILLEGAL", "CSAM_NATIONAL", "CSAM_NATIONAL"),
                column("SELECT classification FROM classification_history WHERE item_id = " + x + " ORDER BY id"));
        assertEquals("under SOAC 2017", column("SELECT note FROM classification_history WHERE item_id = " + x
                + " AND classification = 'CSAM_NATIONAL' AND action = 'item-classified'").get(0));
    }

    @Test
    public void aRemovalMayComeBeforeAnyClassification() throws Exception {
        String reference = save(true, null, "https://a.example/x");
        long x = itemId("https://a.example/x");
        CaseItem item = cases.recordRemoval(x, null, null, "ben");
        assertNull(item.classification());
        assertNull(item.classifiedAt());
        assertNotNull(item.removedAt());
        assertEquals(new Stats(1, 0, 0), store.stats());
        assertEquals(1, cases.queue(new QueueQuery(null, null, null, false, null, false, 0, 10)).total());
        assertEquals(1, cases.queue(QueueQuery.first(10)).entries().get(0).unclassifiedCount());
        cases.classify(x, Classification.CSAM, null, "ana");
        assertEquals(new Stats(1, 1, 1), store.stats());
        assertNotNull(cases.report(reference).orElseThrow().items().get(0).removedAt());
    }

    @Test
    public void everyReportNamingAnItemGetsItInItsHistory() throws Exception {
        String first = save(true, null, "https://a.example/shared", "https://a.example/1");
        String second = save(true, null, "https://a.example/2", "https://a.example/shared", "https://a.example/shared");
        String third = save(true, null, "https://a.example/3");
        long shared = itemId("https://a.example/shared");
        cases.classify(shared, Classification.GROOMING, null, "ana");
        cases.recordRemoval(shared, null, null, "ana");
        cases.undoRemoval(shared, "ana");
        for (String reference : List.of(first, second)) {
            List<HistoryEntry> history = cases.report(reference).orElseThrow().history();
            assertEquals(List.of("item-classified", "item-removed", "removal-undone"),
                    history.stream().map(HistoryEntry::action).collect(Collectors.toList()));
            assertEquals("item " + shared + ": GROOMING", history.get(0).detail());
            assertEquals("ana", history.get(0).actor());
            assertTrue(!history.get(0).at().isAfter(history.get(1).at()));
        }
        assertEquals(List.of(), cases.report(third).orElseThrow().history());
        assertEquals(3, db.count("SELECT COUNT(*) FROM audit_log WHERE target = ?", "item:" + shared));
    }

    @Test
    public void itemEventsCarryTheItemAndNeverTheContactOrDescription() throws Exception {
        String reference = save(false, CONTACT, "https://a.example/x");
        long x = itemId("https://a.example/x");
        cases.classify(x, Classification.CSAM, "the reporter " + CONTACT + " said", "ana");
        cases.recordRemoval(x, Instant.parse("2026-12-01T10:00:00Z"), null, "ana");
        cases.undoRemoval(x, "ana");
        cases.changeStatus(reference, ReportStatus.UNDER_REVIEW, null, "ana");

        assertEquals(List.of("report.received", "item.classified", "item.removed", "item.removed", "report.status-changed"),
                column("SELECT event_type FROM outbox ORDER BY id"));
        try (Connection c = db.dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT payload, idempotency_key FROM outbox")) {
            while (rs.next()) {
                assertFalse(rs.getString(1).contains("siti"));
                assertFalse(rs.getString(1).contains("group chat"));
                assertFalse(rs.getString(1).contains("said"));
            }
        }
        assertEquals(5, db.count("SELECT COUNT(DISTINCT idempotency_key) FROM outbox"));
        JsonNode classified = events(JdbcCases.EVENT_ITEM_CLASSIFIED).get(0);
        assertEquals(1, classified.get("version").asInt());
        assertEquals(x, classified.get("itemId").asLong());
        assertEquals("WEBSITE", classified.get("platform").asText());
        assertEquals("WEB_PAGE", classified.get("kind").asText());
        assertEquals("https://a.example/x", classified.get("canonicalUrl").asText());
        assertEquals("example", classified.get("identifiers").get("host").asText());
        assertEquals("CSAM", classified.get("classification").asText());
        assertEquals(List.of(reference), strings(classified.get("references")));
        assertFalse(classified.get("removed").asBoolean());
        assertTrue(classified.get("removedAt").isNull());
        List<JsonNode> removed = events(JdbcCases.EVENT_ITEM_REMOVED);
        assertTrue(removed.get(0).get("removed").asBoolean());
        assertEquals("2026-12-01T10:00:00Z", removed.get(0).get("removedAt").asText());
        assertFalse(removed.get(1).get("removed").asBoolean());
        assertEquals("CSAM", removed.get(1).get("classification").asText());
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox WHERE event_type LIKE 'item.%' AND reference IS NOT NULL"));
        // nor do the audit log and history hold the contact
        assertEquals(0, db.count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%siti%'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM report_event WHERE detail LIKE '%siti%'"));
    }

    private static List<String> strings(JsonNode array) {
        assertTrue(array.isArray());
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    public void itemEventsNameEveryReportNamingTheItemSorted() throws Exception {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            references.add(save(true, null, "https://a.example/shared", "https://a.example/own" + i));
        }
        String lone = save(true, null, "https://a.example/elsewhere");
        long shared = itemId("https://a.example/shared");
        cases.classify(shared, Classification.CSAM, null, "ana");
        Collections.sort(references);
        assertEquals(references, strings(events(JdbcCases.EVENT_ITEM_CLASSIFIED).get(0).get("references")));
        cases.recordRemoval(shared, null, null, "ana");
        assertEquals(references, strings(events(JdbcCases.EVENT_ITEM_REMOVED).get(0).get("references")));
        // a report naming the item afterwards is in the next event
        references.add(save(true, null, "https://a.example/shared"));
        Collections.sort(references);
        cases.undoRemoval(shared, "ana");
        assertEquals(references, strings(events(JdbcCases.EVENT_ITEM_REMOVED).get(1).get("references")));
        cases.classify(itemId("https://a.example/elsewhere"), Classification.NOT_ILLEGAL, null, "ana");
        assertEquals(List.of(lone), strings(events(JdbcCases.EVENT_ITEM_CLASSIFIED).get(1).get("references")));
    }

    @Test
    public void urgentReportsSaySoInTheQueueAndTheReport() throws Exception {
        NewReport plain = Reports.report(true, null, Reports.item("https://a.example/calm"));
        String calm = store.save(plain, issuer);
        String urgent = store.save(new NewReport(plain.channel(), plain.category(), plain.platformHint(), plain.description(),
                plain.language(), true, null, List.of(Reports.item("https://a.example/now")), null, true), issuer);
        List<QueueEntry> entries = cases.queue(QueueQuery.first(10)).entries();
        assertEquals(List.of(calm, urgent), entries.stream().map(QueueEntry::reference).collect(Collectors.toList()));
        assertFalse(entries.get(0).urgent());
        assertTrue(entries.get(1).urgent());
        assertTrue(cases.queue(new QueueQuery(null, null, null, null, null, true, 0, 10)).entries().get(0).urgent());
        assertTrue(cases.report(urgent).orElseThrow().urgent());
        assertFalse(cases.report(calm).orElseThrow().urgent());
    }

    @Test
    public void referringAnItemMovesTheReportsNamingItThatAreNotFurtherOn() throws Exception {
        String received = save(true, null, "https://a.example/x");
        String review = save(true, null, "https://a.example/x", "https://a.example/x");
        String referred = save(true, null, "https://a.example/x");
        String closed = save(true, null, "https://a.example/x");
        String other = save(true, null, "https://a.example/other");
        cases.changeStatus(review, ReportStatus.UNDER_REVIEW, null, "ana");
        cases.changeStatus(referred, ReportStatus.UNDER_REVIEW, null, "ana");
        cases.changeStatus(referred, ReportStatus.REFERRED, StatusMessage.REFERRED_PLATFORM, "ana");
        cases.changeStatus(closed, ReportStatus.CLOSED, null, "ana");
        long x = itemId("https://a.example/x");
        long eventsBefore = db.count("SELECT COUNT(*) FROM outbox");

        assertEquals(List.of(received, review), cases.referReportsNaming(x, "dispatcher"));

        for (String reference : List.of(received, review)) {
            assertEquals(ReportStatus.REFERRED, store.status(reference).orElseThrow().status());
            assertEquals(StatusMessage.REFERRED, cases.report(reference).orElseThrow().statusMessage());
        }
        assertEquals(StatusMessage.REFERRED_PLATFORM, cases.report(referred).orElseThrow().statusMessage());
        assertEquals(ReportStatus.CLOSED, store.status(closed).orElseThrow().status());
        assertEquals(ReportStatus.RECEIVED, store.status(other).orElseThrow().status());
        List<HistoryEntry> history = cases.report(received).orElseThrow().history();
        assertEquals(List.of("RECEIVED -> UNDER_REVIEW (under-review)", "UNDER_REVIEW -> REFERRED (referred)"),
                history.stream().map(HistoryEntry::detail).collect(Collectors.toList()));
        assertEquals("dispatcher", history.get(1).actor());
        assertEquals(List.of("UNDER_REVIEW -> REFERRED (referred)"), cases.report(review).orElseThrow().history().stream()
                .skip(1).map(HistoryEntry::detail).collect(Collectors.toList()));
        assertEquals(3, db.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'dispatcher' AND action = 'status-changed'"));
        assertEquals(eventsBefore + 3, db.count("SELECT COUNT(*) FROM outbox"));
        List<JsonNode> moves = events(JdbcCases.EVENT_STATUS_CHANGED);
        List<JsonNode> last = moves.subList(moves.size() - 3, moves.size());
        assertEquals(List.of(received + " RECEIVED UNDER_REVIEW under-review", received + " UNDER_REVIEW REFERRED referred",
                review + " UNDER_REVIEW REFERRED referred"), last.stream().map(e -> e.get("reference").asText() + " "
                        + e.get("from").asText() + " " + e.get("to").asText() + " " + e.get("messageKey").asText())
                        .collect(Collectors.toList()));
        assertEquals(1, last.get(0).get("version").asInt());
        assertEquals(2, db.count("SELECT COUNT(*) FROM outbox WHERE reference = ? AND event_type = ?" // ana's, then this one
                + " AND idempotency_key LIKE ?", review, JdbcCases.EVENT_STATUS_CHANGED, "status-" + review + "-%"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox o1 JOIN outbox o2 ON o1.idempotency_key = o2.idempotency_key"
                + " AND o1.id < o2.id"));

        // again: nothing left to move; an unknown item changes nothing
        List<Long> unchanged = everything();
        assertEquals(List.of(), cases.referReportsNaming(x, "dispatcher"));
        assertThrows(CaseNotFound.class, () -> cases.referReportsNaming(9999, "dispatcher"));
        assertThrows(IllegalArgumentException.class, () -> cases.referReportsNaming(x, " "));
        assertEquals(unchanged, everything());
    }

    @Test
    public void unknownReportsAndItemsChangeNothing() throws Exception {
        String reference = save(false, CONTACT, "https://a.example/x");
        String unknown = ReferenceNumbers.complete("9999999");
        List<Long> unchanged = everything();
        assertThrows(CaseNotFound.class, () -> cases.classify(12345, Classification.CSAM, null, "ana"));
        assertThrows(CaseNotFound.class, () -> cases.recordRemoval(12345, null, null, "ana"));
        assertThrows(CaseNotFound.class, () -> cases.undoRemoval(12345, "ana"));
        assertThrows(CaseNotFound.class, () -> cases.changeStatus(unknown, ReportStatus.UNDER_REVIEW, null, "ana"));
        assertThrows(CaseNotFound.class, () -> cases.revealContact(unknown, "ana", "to call back"));
        assertThrows(CaseNotFound.class, () -> cases.changeStatus(null, ReportStatus.UNDER_REVIEW, null, "ana"));
        assertEquals(Optional.empty(), cases.report(unknown));
        assertEquals(unchanged, everything());
        assertTrue(cases.report(reference).isPresent());
    }

    // ---- contact

    @Test
    public void revealingAContactIsAuditedWithTheReasonAndAnAnonymousReportHasNone() throws Exception {
        String named = save(false, CONTACT, "https://a.example/x");
        String anonymous = save(true, null, "https://a.example/y");
        assertEquals(Optional.of(CONTACT), cases.revealContact(named, "ana", "the reporter asked to be called back"));
        List<AuditEntry> log = cases.audit(new AuditQuery(null, null, null, 0, 10)).entries();
        assertEquals(1, log.size());
        assertEquals("contact-revealed", log.get(0).action());
        assertEquals(named, log.get(0).target());
        assertEquals("ana", log.get(0).actor());
        assertTrue(log.get(0).detail().contains("the reporter asked to be called back"));
        assertFalse(log.get(0).detail().contains("siti"));
        assertEquals("contact-revealed", cases.report(named).orElseThrow().history().get(0).action());

        assertEquals(Optional.empty(), cases.revealContact(anonymous, "ana", "to call back"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM audit_log"));
        assertThrows(IllegalArgumentException.class, () -> cases.revealContact(named, "ana", " "));
        assertEquals(1, db.count("SELECT COUNT(*) FROM audit_log"));
    }

    // ---- reading

    @Test
    public void aReportShowsItsItemsOnceEachWithTheirDecisions() throws Exception {
        NewItem chat = new NewItem("+60123456789", "WHATSAPP", "PHONE_NUMBER", Map.of("phone", "+60123456789"),
                "https://wa.me/60123456789", "WHATSAPP|PHONE_NUMBER|60123456789", ItemSource.CHAT,
                LocalDateTime.of(2024, 3, 1, 21, 41));
        save(true, null, "https://a.example/x");
        String reference = store.save(new NewReport("channel-web", Category.SEXTORTION, PlatformHint.WHATSAPP, "blackmail",
                "en", true, null, List.of(Reports.item("https://a.example/x"), chat, Reports.item("https://a.example/x"))),
                issuer);
        long x = itemId("https://a.example/x");
        cases.classify(x, Classification.SEXTORTION, null, "ana");
        cases.recordRemoval(x, Instant.parse("2026-12-01T10:00:00Z"), null, "ben");

        CaseReport report = cases.report(reference).orElseThrow();
        assertEquals(reference, report.reference());
        assertEquals(Category.SEXTORTION, report.category());
        assertEquals(PlatformHint.WHATSAPP, report.platformHint());
        assertEquals("blackmail", report.description());
        assertEquals("en", report.language());
        assertTrue(report.anonymous());
        assertEquals(ReportStatus.RECEIVED, report.status());
        assertEquals(2, report.items().size());
        CaseItem first = report.items().get(0);
        assertEquals(x, first.id());
        assertEquals(2, first.reportCount());
        assertEquals(Classification.SEXTORTION, first.classification());
        assertEquals("ana", first.classifiedBy());
        assertNotNull(first.classifiedAt());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), first.removedAt());
        assertEquals(ItemSource.URLS, first.source());
        assertEquals("example", first.identifiers().get("host"));
        CaseItem second = report.items().get(1);
        assertEquals("WHATSAPP", second.platform());
        assertEquals(ItemSource.CHAT, second.source());
        assertEquals(LocalDateTime.of(2024, 3, 1, 21, 41), second.seenAt());
        assertEquals(1, second.reportCount());
        assertNull(second.classification());
        assertNull(second.classifiedBy());
        assertNull(second.removedAt());
        assertEquals(List.of("item-classified", "item-removed"),
                report.history().stream().map(HistoryEntry::action).collect(Collectors.toList()));
    }

    @Test
    public void theQueueFiltersCountsAndPages() throws Exception {
        // the queue is in the order received (by id): no time has to pass between them
        String a = save(true, null, "https://a.example/One", "https://a.example/two");
        String b = store.save(new NewReport("channel-web", Category.GROOMING, PlatformHint.TELEGRAM, "He asked for 100% photos",
                "ms", true, null, List.of(Reports.item("https://b.example/x"))), issuer);
        String c = save(true, null, "https://c.example/x", "https://a.example/two");
        cases.classify(itemId("https://a.example/two"), Classification.CSAM, null, "ana");
        cases.classify(itemId("https://c.example/x"), Classification.NOT_ILLEGAL, null, "ana");
        cases.changeStatus(b, ReportStatus.UNDER_REVIEW, null, "ana");

        Page<QueueEntry> all = cases.queue(QueueQuery.first(10));
        assertEquals(3, all.total());
        assertEquals(List.of(a, b, c), refs(all));
        QueueEntry first = all.entries().get(0);
        assertEquals(2, first.itemCount());
        assertEquals(1, first.unclassifiedCount());
        assertEquals("channel-web", first.channel());
        assertEquals(Category.CSAM, first.category());
        assertEquals(ReportStatus.RECEIVED, first.status());
        assertEquals(0, all.entries().get(2).unclassifiedCount());

        assertEquals(List.of(c, b, a), refs(cases.queue(query(null, null, null, null, null, true, 0, 10))));
        Page<QueueEntry> page = cases.queue(query(null, null, null, null, null, false, 1, 2));
        assertEquals(3, page.total());
        assertEquals(List.of(c), refs(page));
        assertEquals(List.of(b), refs(cases.queue(query(null, null, null, null, null, true, 1, 1))));
        assertEquals(List.of(), refs(cases.queue(query(null, null, null, null, null, false, 5, 2))));

        assertEquals(List.of(b), refs(cases.queue(query(ReportStatus.UNDER_REVIEW, null, null, null, null, false, 0, 10))));
        assertEquals(List.of(a, c), refs(cases.queue(query(ReportStatus.RECEIVED, null, null, null, null, false, 0, 10))));
        assertEquals(List.of(b), refs(cases.queue(query(null, Category.GROOMING, null, null, null, false, 0, 10))));
        assertEquals(List.of(b), refs(cases.queue(query(null, null, PlatformHint.TELEGRAM, null, null, false, 0, 10))));
        assertEquals(List.of(c), refs(cases.queue(query(null, null, null, true, null, false, 0, 10))));
        assertEquals(List.of(a, b), refs(cases.queue(query(null, null, null, false, null, false, 0, 10))));
        // text: an item's URL (any case), the description, the reference; wildcards are literal
        assertEquals(List.of(a), refs(cases.queue(query(null, null, null, null, "A.EXAMPLE/one", false, 0, 10))));
        assertEquals(List.of(a, c), refs(cases.queue(query(null, null, null, null, "a.example/two", false, 0, 10))));
        assertEquals(List.of(b), refs(cases.queue(query(null, null, null, null, "100% PHOTOS", false, 0, 10))));
        assertEquals(List.of(), refs(cases.queue(query(null, null, null, null, "100%photos", false, 0, 10))));
        assertEquals(List.of(), refs(cases.queue(query(null, null, null, null, "a_example", false, 0, 10))));
        assertEquals(List.of(c), refs(cases.queue(query(null, null, null, null, c, false, 0, 10))));
        Page<QueueEntry> combined = cases.queue(query(ReportStatus.RECEIVED, Category.CSAM, null, false, "example", false, 0, 10));
        assertEquals(1, combined.total());
        assertEquals(List.of(a), refs(combined));
    }

    private long pending(String reference) throws SQLException {
        return db.count("SELECT pending FROM report WHERE reference = ?", reference);
    }

    private List<String> notClassified() {
        return refs(cases.queue(query(null, null, null, false, null, false, 0, 50)));
    }

    @Test
    public void pendingIsKeptExactThroughClassificationReclassificationAndNewReports() throws Exception {
        String a = save(true, null, "https://p.example/1", "https://p.example/2");
        String b = save(true, null, "https://p.example/2");
        String none = store.save(Reports.report(true, null), issuer);
        assertEquals(1, pending(a));
        assertEquals(1, pending(b));
        assertEquals(0, pending(none));
        assertEquals(List.of(a, b), notClassified());

        long two = itemId("https://p.example/2");
        cases.classify(two, Classification.CSAM, null, "ana");
        assertEquals(1, pending(a)); // p.example/1 still waits
        assertEquals(0, pending(b));
        assertEquals(List.of(a), notClassified());
        assertEquals(List.of(b, none), refs(cases.queue(query(null, null, null, true, null, false, 0, 50))));

        // reclassifying, a removal and its undo change nothing
        cases.classify(two, Classification.NOT_ILLEGAL, null, "ana");
        cases.recordRemoval(two, null, null, "ana");
        cases.undoRemoval(two, "ana");
        assertEquals(0, pending(b));
        assertEquals(1, pending(a));

        // a removal alone is no classification
        long one = itemId("https://p.example/1");
        cases.recordRemoval(one, null, null, "ana");
        assertEquals(1, pending(a));
        cases.classify(one, Classification.GROOMING, null, "ana");
        assertEquals(0, pending(a));
        assertEquals(List.of(), notClassified());

        // new reports naming items already classified, with or without a new one, or one item twice
        String known = save(true, null, "https://p.example/2", "https://p.example/1");
        String twice = save(true, null, "https://p.example/1", "https://p.example/1");
        String mixed = save(true, null, "https://p.example/2", "https://p.example/3");
        assertEquals(0, pending(known));
        assertEquals(0, pending(twice));
        assertEquals(1, pending(mixed));
        assertEquals(List.of(mixed), notClassified());
        Page<QueueEntry> page = cases.queue(query(null, null, null, false, null, false, 0, 50));
        assertEquals(1, page.total());
        assertEquals(1, page.entries().get(0).unclassifiedCount());
        cases.classify(itemId("https://p.example/3"), Classification.NOT_ILLEGAL, null, "ana");
        assertEquals(0, pending(mixed));

        // the flag always agrees with the items
        assertEquals(0, db.count("SELECT COUNT(*) FROM report r WHERE r.pending <> CASE WHEN EXISTS (SELECT 1"
                + " FROM report_item ui WHERE ui.report_id = r.id AND NOT EXISTS (SELECT 1 FROM classification uc"
                + " WHERE uc.item_id = ui.item_id AND uc.classification IS NOT NULL)) THEN 1 ELSE 0 END"));
    }

    @Test
    public void decisionsAndTheWriterRunSideBySideAndPendingStaysExact() throws Exception {
        for (int i = 0; i < 20; i++) {
            save(true, null, "https://race.example/" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        if (i % 2 == 0) {
                            save(true, null, "https://race.example/" + (i % 20)); // known items only
                        } else {
                            save(true, null, "https://race.example/" + (i % 20), "https://race.example/t" + thread + "-" + i);
                        }
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    cases.classify(itemId("https://race.example/" + i), Classification.NOT_ILLEGAL, null, "ana");
                }
                return null;
            }));
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM report r WHERE r.pending <> CASE WHEN EXISTS (SELECT 1"
                + " FROM report_item ui WHERE ui.report_id = r.id AND NOT EXISTS (SELECT 1 FROM classification uc"
                + " WHERE uc.item_id = ui.item_id AND uc.classification IS NOT NULL)) THEN 1 ELSE 0 END"));
        assertEquals(60, db.count("SELECT COUNT(*) FROM report WHERE pending = 1")); // those with a t-item
    }

    @Test
    public void theTotalStopsCountingPastTheCap() {
        for (int i = 0; i < JdbcCases.COUNT_CAP + 5; i++) {
            store.save(Reports.report(true, null), issuer);
        }
        assertEquals(JdbcCases.COUNT_CAP + 1, cases.queue(QueueQuery.first(10)).total());
        // past the offset: exact again near the end
        Page<QueueEntry> last = cases.queue(query(null, null, null, null, null, false, 100, 10));
        assertEquals(JdbcCases.COUNT_CAP + 5, last.total());
        assertEquals(5, last.entries().size());
    }

    @Test
    public void newestFirstWidensItsWindowUntilThePageIsFull() throws Exception {
        // rare reports far below the highest ids: the first windows hold none of them
        List<String> rare = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rare.add(store.save(new NewReport("channel-web", Category.SEXTORTION, null, null, "ms", true, null,
                    List.of(Reports.item("https://rare.example/" + i))), issuer));
        }
        List<String> common = new ArrayList<>();
        int many = (int) (3 * JdbcCases.NEWEST_WINDOW);
        for (int i = 0; i < many; i++) {
            common.add(store.save(Reports.report(true, null), issuer));
        }
        Collections.reverse(rare);
        Collections.reverse(common);
        assertEquals(rare, refs(cases.queue(query(null, Category.SEXTORTION, null, null, null, true, 0, 10))));
        assertEquals(List.of(rare.get(1)), refs(cases.queue(query(null, Category.SEXTORTION, null, null, null, true, 1, 1))));
        assertEquals(common.subList(0, 20), refs(cases.queue(query(null, null, null, null, null, true, 0, 20))));
        // a page far down, and the last page (shorter), both exact
        assertEquals(common.subList(500, 520), refs(cases.queue(query(null, null, null, null, null, true, 25, 20))));
        Page<QueueEntry> last = cases.queue(query(null, null, null, null, null, true, (many + 3) / 20, 20));
        List<String> all = new ArrayList<>(common);
        all.addAll(rare);
        assertEquals(all.subList(((many + 3) / 20) * 20, many + 3), refs(last));
        // oldest first is the reverse, with the same filter read in key order
        List<String> rareOldest = new ArrayList<>(rare);
        Collections.reverse(rareOldest);
        assertEquals(rareOldest, refs(cases.queue(query(null, Category.SEXTORTION, null, null, null, false, 0, 10))));
        assertEquals(List.of(rare.get(0)), refs(cases.queue(query(ReportStatus.RECEIVED, Category.SEXTORTION, null, null,
                null, true, 0, 1))));
    }

    private static QueueQuery query(ReportStatus status, Category category, PlatformHint platform, Boolean classified,
            String text, boolean newestFirst, int page, int size) {
        return new QueueQuery(status, category, platform, classified, text, newestFirst, page, size);
    }

    private static List<String> refs(Page<QueueEntry> page) {
        return page.entries().stream().map(QueueEntry::reference).collect(Collectors.toList());
    }

    @Test
    public void theAuditLogPagesNewestFirstAndFilters() throws Exception {
        TestClock clock = clock("2026-03-10T01:00:00Z");
        cases.audit("ops", "login", null, null);
        Instant middle = clock.set("2026-03-10T01:00:03Z").instant();
        cases.audit("ana", "login", null, null);
        cases.audit("ops", "module-disabled", "parser-telegram", "for an update");
        Page<AuditEntry> all = cases.audit(new AuditQuery(null, null, null, 0, 2));
        assertEquals(3, all.total());
        assertEquals(List.of("module-disabled", "login"), all.entries().stream().map(AuditEntry::action).collect(Collectors.toList()));
        assertEquals("parser-telegram", all.entries().get(0).target());
        assertEquals("for an update", all.entries().get(0).detail());
        assertEquals("ana", all.entries().get(1).actor());
        assertEquals(1, cases.audit(new AuditQuery(null, null, null, 1, 2)).entries().size());
        assertEquals(2, cases.audit(new AuditQuery(null, null, "ops", 0, 10)).total());
        assertEquals(2, cases.audit(new AuditQuery(middle, null, null, 0, 10)).total());
        assertEquals(1, cases.audit(new AuditQuery(null, middle, null, 0, 10)).total());
        assertEquals(1, cases.audit(new AuditQuery(middle, null, "ops", 0, 10)).total());
        assertTrue(all.entries().get(0).id() > all.entries().get(1).id());
    }

    // ---- dashboard

    /** Sets a timestamp column to {@code at}, stored as UTC as the store does. */
    private void setTime(String table, String column, String idColumn, long id, Instant at) throws SQLException {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE "
                        + idColumn + " = ?")) {
            Times.set(ps, 1, at);
            ps.setLong(2, id);
            assertTrue(ps.executeUpdate() > 0);
        }
    }

    private static NewItem telegram(String handle) {
        return new NewItem("the channel t.me/" + handle + " in the chat", "TELEGRAM", "CHANNEL", Map.of("handle", handle),
                "https://t.me/" + handle, "telegram:" + handle);
    }

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    /** The store and the cases of this test from now on run on {@code clock} (reports' and decisions' times). */
    private TestClock clock(String utc) {
        TestClock clock = new TestClock(utc);
        Path keyFile = tmp.getRoot().toPath().resolve("etc/lapor-contact.key");
        store.close();
        store = new JdbcReportStore(db.dataSource, keyFile, clock);
        cases = new JdbcCases(db.dataSource, keyFile, clock);
        return clock;
    }

    /** A median as the dashboard gives it: within 2.5 % of the exact one, plus under a second. */
    private static void assertNear(Duration exact, Duration median) {
        assertNotNull("no median", median);
        long slack = (long) Math.ceil(exact.toMillis() * DashboardCounts.ACCURACY) + 1000;
        assertTrue(median + " is not within " + slack + " ms of " + exact,
                Math.abs(median.toMillis() - exact.toMillis()) <= slack);
    }

    /** The dashboard's counters that are not 0, as "day dimension name" to value. */
    private Map<String, Long> counters() throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = db.dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT day, dimension, name, value FROM dashboard_count WHERE value <> 0")) {
            while (rs.next()) {
                counts.put(rs.getDate(1).toLocalDate() + " " + rs.getString(2) + " " + rs.getString(3), rs.getLong(4));
            }
        }
        return counts;
    }

    private long sum(String dimension) throws SQLException {
        return db.count("SELECT COALESCE(SUM(value), 0) FROM dashboard_count WHERE dimension = ?", dimension);
    }

    /**
     * The counters the writer and the decisions kept are those V13's backfill counts from the rows: the
     * table dropped and V13 applied again give the same.
     */
    private void assertCountersAgreeWithTheRows() throws SQLException {
        Map<String, Long> kept = counters();
        db.update("DROP TABLE dashboard_count");
        db.update("DELETE FROM schema_version WHERE version = 13");
        assertEquals(1, new Migrations(db.dataSource).migrate());
        assertEquals(counters(), kept);
    }

    @Test
    public void theDashboardCountsTheLastDaysInMalaysianTime() throws Exception {
        // today in Malaysia: 2026-03-10 (10:00 there); the 3 days: 03-08, 03-09, 03-10, from 2026-03-07T16:00Z
        TestClock clock = clock("2026-03-07T15:59:59.999Z"); // 03-07 23:59:59.999 in Malaysia: outside
        store.save(Reports.report(true, null, Reports.item("https://a.example/old"), Reports.item("https://a.example/old2")),
                issuer);
        long old = itemId("https://a.example/old");
        long old2 = itemId("https://a.example/old2");
        cases.classify(old, Classification.CSAM, null, "ana"); // at once: 0 s, on 03-07
        cases.recordRemoval(old, null, null, "ana"); // 0 s, on 03-07
        clock.set("2026-03-07T16:00:00Z"); // 03-08 00:00 in Malaysia: the first instant of the period
        store.save(new NewReport("channel-web", Category.GROOMING, PlatformHint.TELEGRAM, "d", "ms", true, null,
                List.of(Reports.item("https://a.example/a"), telegram("t"))), issuer);
        long a = itemId("https://a.example/a");
        long t = db.count("SELECT id FROM item WHERE dedup_key = 'telegram:t'");
        clock.set("2026-03-07T17:00:00Z");
        cases.classify(a, Classification.NOT_ILLEGAL, null, "ana"); // first classified 1 h after its first report
        clock.set("2026-03-07T19:00:00Z");
        cases.classify(t, Classification.NOT_ILLEGAL, null, "ana"); // 3 h
        clock.set("2026-03-07T21:00:00Z");
        cases.classify(a, Classification.CSAM, null, "ana"); // reclassified: still first classified at 1 h
        clock.set("2026-03-08T04:00:00Z");
        cases.recordRemoval(a, at("2026-03-08T02:00:00Z"), null, "ana"); // removed 10 h after, recorded later
        clock.set("2026-03-09T00:00:00Z");
        cases.classify(old2, Classification.CSAM_NATIONAL, null, "ana"); // 32 h, on 03-09: in the period
        clock.set("2026-03-09T17:00:00Z"); // 03-09 in UTC, 03-10 01:00 in Malaysia
        store.save(new NewReport("channel-telegram", Category.CSAM, PlatformHint.WEBSITE, "d", "ms", true, null,
                List.of(Reports.item("https://a.example/a"), Reports.item("https://a.example/b"))), issuer);
        long b = itemId("https://a.example/b");
        clock.set("2026-03-09T20:00:00Z");
        cases.recordRemoval(b, at("2026-03-09T19:00:00Z"), null, "ana"); // a removal, no classification: 2 h
        clock.set("2026-03-10T01:00:00Z");
        save(true, null, "https://a.example/c");
        clock.set("2026-03-10T16:00:00Z"); // 03-11 in Malaysia: not yet
        save(true, null, "https://a.example/tomorrow");
        clock.set("2026-03-10T02:00:00Z");

        Dashboard d = cases.dashboard(3);
        assertEquals(3, d.days());
        assertEquals(List.of(new Dashboard.DayCount(LocalDate.of(2026, 3, 8), 1), new Dashboard.DayCount(LocalDate.of(2026, 3, 9), 0),
                new Dashboard.DayCount(LocalDate.of(2026, 3, 10), 2)), d.reportsPerDay());
        assertEquals(Map.of("GROOMING", 1L, "CSAM", 2L), d.byCategory());
        assertEquals(Map.of("channel-web", 2L, "channel-telegram", 1L), d.byChannel());
        // first reported in the period: a (named again on 03-10, counted once), t, b, c
        assertEquals(Map.of("WEBSITE", 3L, "TELEGRAM", 1L), d.byPlatform());
        assertEquals(Map.of("CSAM", 1L, "NOT_ILLEGAL", 1L, "UNCLASSIFIED", 2L), d.itemsByClassification());
        // all time, as the public counters: old and a removed, old2 not
        assertEquals(2.0 / 3, d.removedShare(), 1e-9);
        assertNear(Duration.ofHours(3), d.medianToFirstClassification()); // a 1 h, t 3 h, old2 32 h
        assertNear(Duration.ofHours(6), d.medianToRemoval()); // a 10 h, b 2 h

        Dashboard one = cases.dashboard(1); // today only: late and morning
        assertEquals(List.of(new Dashboard.DayCount(LocalDate.of(2026, 3, 10), 2)), one.reportsPerDay());
        assertEquals(Map.of("CSAM", 2L), one.byCategory());
        assertEquals(Map.of("WEBSITE", 2L), one.byPlatform()); // b, c: a was first reported on 03-08
        assertEquals(Map.of("UNCLASSIFIED", 2L), one.itemsByClassification());
        assertNull(one.medianToFirstClassification()); // none made today
        assertNear(Duration.ofHours(2), one.medianToRemoval()); // b, removed at 03:00 today

        Dashboard four = cases.dashboard(4); // from 03-07: the report before, old and old2
        assertEquals(LocalDate.of(2026, 3, 7), four.reportsPerDay().get(0).day());
        assertEquals(1, four.reportsPerDay().get(0).reports());
        assertEquals(Map.of("WEBSITE", 5L, "TELEGRAM", 1L), four.byPlatform());
        assertEquals(Map.of("CSAM", 2L, "CSAM_NATIONAL", 1L, "NOT_ILLEGAL", 1L, "UNCLASSIFIED", 2L),
                four.itemsByClassification());
        assertNear(Duration.ofHours(2), four.medianToFirstClassification()); // 0 s, 1 h, 3 h, 32 h
        assertNear(Duration.ofHours(2), four.medianToRemoval()); // 0 s, 2 h, 10 h
        assertEquals(366, cases.dashboard(366).reportsPerDay().size());
        assertThrows(IllegalArgumentException.class, () -> cases.dashboard(0));
        assertThrows(IllegalArgumentException.class, () -> cases.dashboard(367));

        clock.set("2026-03-11T02:00:00Z"); // the next day: the report of 00:00 is today's
        assertEquals(1, cases.dashboard(1).reportsPerDay().get(0).reports());
        assertCountersAgreeWithTheRows();
    }

    @Test
    public void reclassifyingMovesTheCountAndAnUndoTakesTheRemovalBack() throws Exception {
        TestClock clock = clock("2026-05-05T04:00:00Z"); // 12:00 in Malaysia
        save(true, null, "https://r.example/x", "https://r.example/y");
        long x = itemId("https://r.example/x");
        long y = itemId("https://r.example/y");
        Dashboard d = cases.dashboard(1);
        assertEquals(Map.of("UNCLASSIFIED", 2L), d.itemsByClassification());
        assertEquals(Map.of("WEBSITE", 2L), d.byPlatform());
        assertNull(d.medianToFirstClassification());

        clock.advance(Duration.ofHours(2));
        cases.classify(x, Classification.NOT_ILLEGAL, null, "ana");
        assertEquals(Map.of("NOT_ILLEGAL", 1L, "UNCLASSIFIED", 1L), cases.dashboard(1).itemsByClassification());
        assertNear(Duration.ofHours(2), cases.dashboard(1).medianToFirstClassification());
        clock.advance(Duration.ofHours(1));
        cases.classify(x, Classification.CSAM, null, "ana"); // the count moves, the first classification stays
        d = cases.dashboard(1);
        assertEquals(Map.of("CSAM", 1L, "UNCLASSIFIED", 1L), d.itemsByClassification());
        assertNear(Duration.ofHours(2), d.medianToFirstClassification());
        assertEquals(1, sum(DashboardCounts.TO_CLASSIFICATION));
        assertEquals(2, sum(DashboardCounts.CLASSIFICATION));

        clock.advance(Duration.ofHours(1));
        cases.recordRemoval(x, null, null, "ana"); // 4 h after the first report
        assertNear(Duration.ofHours(4), cases.dashboard(1).medianToRemoval());
        cases.recordRemoval(x, at("2026-05-05T05:00:00Z"), null, "ana"); // recorded again, earlier: moves to 1 h
        assertNear(Duration.ofHours(1), cases.dashboard(1).medianToRemoval());
        assertEquals(1, sum(DashboardCounts.TO_REMOVAL));
        cases.undoRemoval(x, "ana");
        assertNull(cases.dashboard(1).medianToRemoval());
        assertEquals(0, sum(DashboardCounts.TO_REMOVAL));
        Map<String, Long> unchanged = counters();
        cases.undoRemoval(x, "ana"); // nothing to undo
        assertEquals(unchanged, counters());
        clock.advance(Duration.ofHours(2));
        cases.recordRemoval(x, null, null, "ana"); // recorded after the undo: counts anew, at 6 h
        assertNear(Duration.ofHours(6), cases.dashboard(1).medianToRemoval());
        assertEquals(1, sum(DashboardCounts.TO_REMOVAL));

        cases.recordRemoval(y, null, null, "ana"); // a removal alone: still unclassified
        d = cases.dashboard(1);
        assertEquals(Map.of("CSAM", 1L, "UNCLASSIFIED", 1L), d.itemsByClassification());
        assertNear(Duration.ofHours(6), d.medianToRemoval());
        assertNull(d.itemsByClassification().get("NOT_ILLEGAL")); // gone back to 0: left out
        cases.classify(y, Classification.GROOMING, null, "ana");
        assertEquals(Map.of("CSAM", 1L, "GROOMING", 1L), cases.dashboard(1).itemsByClassification());
        assertEquals(2, sum(DashboardCounts.TO_CLASSIFICATION));

        // the next day (Malaysian): a report naming x again and a new item; x stays counted on its first day
        clock.set("2026-05-05T16:00:00Z");
        save(true, null, "https://r.example/x", "https://r.example/z");
        d = cases.dashboard(1);
        assertEquals(LocalDate.of(2026, 5, 6), d.reportsPerDay().get(0).day());
        assertEquals(1, d.reportsPerDay().get(0).reports());
        assertEquals(Map.of("WEBSITE", 1L), d.byPlatform());
        assertEquals(Map.of("UNCLASSIFIED", 1L), d.itemsByClassification());
        assertEquals(Map.of("CSAM", 1L, "GROOMING", 1L, "UNCLASSIFIED", 1L), cases.dashboard(2).itemsByClassification());
        assertEquals(List.of(1L, 1L), cases.dashboard(2).reportsPerDay().stream().map(Dashboard.DayCount::reports)
                .collect(Collectors.toList()));
        assertCountersAgreeWithTheRows();
    }

    @Test
    public void aReportThatFailsAloneLeavesNoCount() throws Exception {
        // reports from several threads, so that batches hold several; every fourth too long to store
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> saved = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int n = i;
            saved.add(pool.submit(() -> {
                try {
                    store.save(new NewReport("channel-" + (n % 3), Category.values()[n % Category.values().length],
                            PlatformHint.WEBSITE, n % 4 == 0 ? "x".repeat(20_000) : "d", "ms", true, null,
                            List.of(Reports.item("https://f.example/" + n), Reports.item("https://f.example/shared"))),
                            issuer);
                    return true;
                } catch (org.laporpredator.api.ServiceUnavailable e) {
                    return false;
                }
            }));
        }
        int stored = 0;
        for (Future<Boolean> f : saved) {
            stored += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(60, stored);
        assertEquals(60, sum(DashboardCounts.REPORTS));
        assertEquals(61, sum(DashboardCounts.PLATFORM)); // 60 items of their own and the shared one
        assertEquals(db.count("SELECT COUNT(*) FROM item"), sum(DashboardCounts.CLASSIFICATION));
        assertCountersAgreeWithTheRows();
    }

    @Test
    public void decisionsAndTheWriterKeepTheCountersExactSideBySide() throws Exception {
        for (int i = 0; i < 20; i++) {
            save(true, null, "https://race.example/" + i);
        }
        List<Long> items = longs("SELECT id FROM item ORDER BY id");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        if (i % 3 == 0) {
                            save(true, null, "https://race.example/" + (i % 20)); // known items only
                        } else {
                            save(true, null, "https://race.example/" + (i % 20), "https://race.example/t" + thread + "-" + i);
                        }
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 2; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    Classification[] values = Classification.values();
                    for (int i = 0; i < 40; i++) {
                        long item = items.get((i * 7 + thread * 3) % items.size());
                        switch (i % 4) {
                            case 0, 1 -> cases.classify(item, values[(i + thread) % values.length], null, "ana");
                            case 2 -> cases.recordRemoval(item, null, null, "ben");
                            default -> cases.undoRemoval(item, "ben");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS); // a deadlock retried too often would fail here
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20 + 180, sum(DashboardCounts.REPORTS));
        assertEquals(db.count("SELECT COUNT(*) FROM item"), sum(DashboardCounts.PLATFORM));
        assertEquals(db.count("SELECT COUNT(*) FROM item"), sum(DashboardCounts.CLASSIFICATION));
        assertEquals(db.count("SELECT COUNT(*) FROM classification WHERE removed_at IS NOT NULL"),
                sum(DashboardCounts.TO_REMOVAL));
        assertEquals(db.count("SELECT COUNT(*) FROM classification WHERE classification IS NOT NULL"),
                sum(DashboardCounts.TO_CLASSIFICATION));
        assertCountersAgreeWithTheRows();
    }

    @Test
    public void anEmptyDashboardHasZeroDaysAndNoMedians() {
        Dashboard d = cases.dashboard(7);
        assertEquals(7, d.reportsPerDay().size());
        assertEquals(LocalDate.now(org.laporpredator.api.StatusRecord.ZONE), d.reportsPerDay().get(6).day());
        assertTrue(d.reportsPerDay().stream().allMatch(day -> day.reports() == 0));
        assertEquals(Map.of(), d.byCategory());
        assertEquals(Map.of(), d.byPlatform());
        assertEquals(Map.of(), d.itemsByClassification());
        assertEquals(0, d.removedShare(), 0);
        assertNull(d.medianToFirstClassification());
        assertNull(d.medianToRemoval());
    }

    // ---- export

    @Test
    public void theExportFiltersOrdersAndNeverHoldsAContact() throws Exception {
        NewItem x1 = new NewItem("the reporter typed this: https://a.example/1", "WEBSITE", "WEB_PAGE",
                Map.of("host", "a.example", "path", "/1"), "https://a.example/1", "web:https://a.example/1");
        save(false, CONTACT, "https://a.example/2", "https://a.example/3");
        store.save(new NewReport("channel-web", Category.CSAM, PlatformHint.WEBSITE, "seen in a group chat", "ms", false,
                CONTACT, List.of(x1, Reports.item("https://a.example/3"), telegram("t4"))), issuer);
        long i1 = itemId("https://a.example/1");
        long i2 = itemId("https://a.example/2");
        long i3 = itemId("https://a.example/3");
        long i4 = db.count("SELECT id FROM item WHERE dedup_key = 'telegram:t4'");
        Instant t1 = at("2026-01-01T00:00:00Z");
        Instant t2 = at("2026-01-02T00:00:00Z");
        Instant t3 = at("2026-01-03T00:00:00Z");
        Instant t4 = at("2026-01-04T00:00:00Z");
        setTime("item", "first_reported_at", "id", i1, t1);
        setTime("item", "first_reported_at", "id", i2, t2);
        setTime("item", "first_reported_at", "id", i3, t3);
        setTime("item", "first_reported_at", "id", i4, t4);
        cases.classify(i2, Classification.CSAM, "the reporter " + CONTACT, "ana");
        cases.classify(i3, Classification.CSAM, null, "ana");
        cases.recordRemoval(i3, at("2026-02-01T10:00:00Z"), null, "ana");
        cases.classify(i4, Classification.NOT_ILLEGAL, null, "ana");

        List<ExportRow> all = export(null, null, null);
        // by item id, not by first report (i1 came first but was stored after i2 and i3)
        assertEquals(List.of(i1, i2, i3, i4).stream().sorted().collect(Collectors.toList()), ids(all));
        assertTrue(i1 > i2 && i1 > i3);
        ExportRow three = all.stream().filter(r -> r.itemId() == i3).findFirst().orElseThrow();
        assertEquals("WEBSITE", three.platform());
        assertEquals("WEB_PAGE", three.kind());
        assertEquals("https://a.example/3", three.canonicalUrl());
        assertEquals(Map.of("host", "example", "path", "/x"), three.identifiers());
        assertEquals(Classification.CSAM, three.classification());
        assertEquals(at("2026-02-01T10:00:00Z"), three.removedAt());
        assertEquals(t3, three.firstReportedAt());
        assertNotNull(three.lastReportedAt());
        assertEquals(2, three.reportCount());
        ExportRow one = all.stream().filter(r -> r.itemId() == i1).findFirst().orElseThrow();
        assertNull(one.classification());
        assertNull(one.removedAt());
        assertEquals(1, one.reportCount());
        assertEquals(Map.of("host", "a.example", "path", "/1"), one.identifiers());
        assertEquals(Map.of("handle", "t4"), all.stream().filter(r -> r.itemId() == i4).findFirst().orElseThrow()
                .identifiers());
        for (ExportRow row : all) {
            String text = row.toString();
            assertFalse(text, text.contains("siti"));
            assertFalse(text, text.contains("012-3456789"));
            assertFalse(text, text.contains("group chat"));
            assertFalse(text, text.contains("typed"));
            assertFalse(text, text.contains("in the chat"));
        }

        assertEquals(List.of(i2, i3), ids(export(t2, t4, null))); // from inclusive, to exclusive
        assertEquals(List.of(i3, i4), ids(export(t3, null, null)));
        assertEquals(List.of(i1), ids(export(null, t2, null)));
        assertEquals(List.of(i2, i3), ids(export(null, null, Classification.CSAM)));
        assertEquals(List.of(i3), ids(export(t3, null, Classification.CSAM)));
        assertEquals(List.of(i4), ids(export(null, null, Classification.NOT_ILLEGAL)));
        assertEquals(List.of(), ids(export(null, null, Classification.GROOMING)));
        assertEquals(List.of(), ids(export(t4, t4, null)));

        cases.exportPage = 1; // pages of one: the same rows, in the same order
        assertEquals(ids(all), ids(export(null, null, null)));
        assertEquals(List.of(i2, i3), ids(export(null, null, Classification.CSAM)));
        cases.exportPage = 3;
        assertEquals(ids(all), ids(export(null, null, null)));
    }

    @Test
    public void theExportHandsOnRowsAsItReadsThemAndHoldsNoLockMeanwhile() throws Exception {
        for (int i = 0; i < 7; i++) {
            save(true, null, "https://a.example/" + i);
        }
        cases.exportPage = 2;
        List<Long> seen = new ArrayList<>();
        List<Long> reportsWhenSeen = new ArrayList<>();
        cases.exportItems(null, null, null, row -> {
            seen.add(row.itemId());
            if (seen.size() == 1) {
                // the writer locks item whole: this save would wait for a lock the export held
                save(true, null, "https://a.example/0");
            }
            try {
                reportsWhenSeen.add(db.count("SELECT COUNT(*) FROM report"));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(7, seen.size());
        assertEquals(ids(export(null, null, null)), seen);
        assertEquals(8, reportsWhenSeen.get(0).longValue());
        assertEquals(2, db.count("SELECT report_count FROM item WHERE id = ?", seen.get(0)));

        // a sink that stops: no row after it, the failure reaches the caller
        List<Long> some = new ArrayList<>();
        IllegalStateException stop = assertThrows(IllegalStateException.class, () -> cases.exportItems(null, null, null,
                row -> {
                    some.add(row.itemId());
                    if (some.size() == 3) {
                        throw new IllegalStateException("the download was cancelled");
                    }
                }));
        assertEquals("the download was cancelled", stop.getMessage());
        assertEquals(seen.subList(0, 3), some);
    }

    private List<ExportRow> export(Instant from, Instant to, Classification classification) {
        List<ExportRow> rows = new ArrayList<>();
        cases.exportItems(from, to, classification, rows::add);
        return rows;
    }

    private static List<Long> ids(List<ExportRow> rows) {
        return rows.stream().map(ExportRow::itemId).collect(Collectors.toList());
    }

    // ---- outbox ids

    @Test
    public void theWriterAndTheDecisionsNeverTakeTheSameOutboxId() throws Exception {
        // one after the other: the writer must not count on from an id it gave before the decision
        String reference = save(true, null, "https://a.example/x");
        cases.changeStatus(reference, ReportStatus.UNDER_REVIEW, null, "ana");
        save(true, null, "https://a.example/y");
        cases.classify(itemId("https://a.example/y"), Classification.CSAM, null, "ana");
        save(true, null, "https://a.example/z");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), longs("SELECT id FROM outbox ORDER BY id"));

        // at the same time: reports from 4 threads while decisions are made
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit((Callable<Void>) () -> {
                go.await();
                for (int i = 0; i < 25; i++) {
                    save(true, null, "https://a.example/t" + thread + "/" + i, "https://a.example/x");
                }
                return null;
            }));
        }
        long x = itemId("https://a.example/x");
        done.add(pool.submit((Callable<Void>) () -> {
            go.await();
            Classification[] decisions = {Classification.CSAM, Classification.NOT_ILLEGAL};
            for (int i = 0; i < 20; i++) {
                cases.classify(x, decisions[i % 2], null, "ana");
            }
            return null;
        }));
        go.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long rows = db.count("SELECT COUNT(*) FROM outbox");
        assertEquals(5 + 100 + 20, rows);
        assertEquals(rows, db.count("SELECT COUNT(DISTINCT id) FROM outbox"));
        assertEquals(1 + 20, db.count("SELECT COUNT(*) FROM outbox WHERE event_type = 'item.classified'"));
        assertTrue(db.count("SELECT last_id FROM outbox_ids") >= db.count("SELECT MAX(id) FROM outbox"));
        assertEquals(new Stats(103, 1, 0), store.stats()); // y; the 20 decisions on x end on NOT_ILLEGAL

        // and after a restart of the store
        store.close();
        store = new JdbcReportStore(db.dataSource, tmp.getRoot().toPath().resolve("etc/lapor-contact.key"));
        cases.classify(x, Classification.CSAM, null, "ana");
        save(true, null, "https://a.example/after");
        assertEquals(rows + 2, db.count("SELECT COUNT(DISTINCT id) FROM outbox"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM outbox WHERE id > ? AND event_type = 'report.received'",
                db.count("SELECT id FROM outbox WHERE event_type = 'item.classified' ORDER BY id DESC FETCH FIRST ROW ONLY")));
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private List<Long> longs(String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }
}
