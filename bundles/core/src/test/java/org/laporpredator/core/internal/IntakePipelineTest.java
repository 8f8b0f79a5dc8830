package org.laporpredator.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.IdempotencyKey;
import org.laporpredator.api.ItemSource;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.NewReport;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReferenceIssuer;
import org.laporpredator.api.ReportStore;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;
import org.laporpredator.api.IdempotencyKeyReused;
import org.laporpredator.api.TooManySubmissions;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;

public class IntakePipelineTest {

    /** Keeps what it was asked to save, and the idempotency keys as the real store does. */
    static class RecordingStore implements ReportStore {
        volatile NewReport saved;
        final AtomicInteger saves = new AtomicInteger();
        final Map<String, IdempotencyKey.Stored> keys = new ConcurrentHashMap<>();

        @Override
        public String save(NewReport report, ReferenceIssuer references) {
            saved = report;
            saves.incrementAndGet();
            String reference = references.next();
            if (report.idempotency() != null) {
                keys.put(report.idempotency().keyHash(), new IdempotencyKey.Stored(reference, report.idempotency().fingerprint()));
            }
            return reference;
        }

        @Override
        public Optional<IdempotencyKey.Stored> idempotent(String keyHash) {
            return Optional.ofNullable(keys.get(keyHash));
        }

        @Override
        public Optional<StatusRecord> status(String reference) {
            return Optional.empty();
        }

        @Override
        public Stats stats() {
            return new Stats(0, 0, 0);
        }

        @Override
        public boolean isHealthy() {
            return true;
        }
    }

    static CoreConfig defaults() {
        return config(5, 10, 20);
    }

    static CoreConfig config(int maxItems, int perMinute, int burst) {
        return new CoreConfig() {
            @Override public Class<? extends Annotation> annotationType() { return CoreConfig.class; }
            @Override public int maxUrls() { return 50; }
            @Override public int maxUrlLength() { return 2048; }
            @Override public int maxDescriptionLength() { return 10_000; }
            @Override public int maxContactLength() { return 500; }
            @Override public int maxItems() { return maxItems; }
            @Override public int maxEncodedRun() { return 512; }
            @Override public int submissionsPerMinute() { return perMinute; }
            @Override public int submissionBurst() { return burst; }
            @Override public String trustedProxies() { return ""; }
        };
    }

    private final RecordingStore store = new RecordingStore();
    private final IntakePipeline pipeline = new IntakePipeline(store, () -> "12345674", defaults());

    @Test
    public void storesParsedItemsAndReturnsTheReference() {
        PlatformParser telegram = link -> link.hostname().equals("t.me")
                ? Optional.of(ParsedItem.of("TELEGRAM", "CHANNEL", Map.of("channel", "x"), "https://t.me/x"))
                : Optional.empty();
        pipeline.addParser(telegram, Map.of(Modules.PLATFORM, "TELEGRAM"));
        Receipt receipt = pipeline.submit(new Submission("web", null, List.of("https://t.me/x", "https://bad.example/a#f"),
                Category.CSAM, "  seen today ", false, " parent@example.com ", null));
        assertEquals("12345674", receipt.reference());
        assertEquals("TELEGRAM", receipt.items().get(0).platform());
        assertEquals("WEBSITE", receipt.items().get(1).platform());
        assertEquals("LINK", receipt.items().get(1).kind());
        assertEquals("https://bad.example/a", receipt.items().get(1).canonicalUrl());
        assertEquals("seen today", store.saved.description());
        assertEquals("parent@example.com", store.saved.contact());
        assertEquals("ms", store.saved.language());
        assertFalse(store.saved.urgent());
        pipeline.submit(new Submission("web", null, List.of("https://t.me/x"), Category.SEXTORTION, null, true, null, null)
                .withUrgent(true));
        assertTrue("urgent reaches the store", store.saved.urgent());
    }

    @Test
    public void recognisingATextStoresNothingAndNamesEachLinkOnce() {
        pipeline.addParser(link -> link.hostname().equals("t.me")
                ? Optional.of(ParsedItem.of("TELEGRAM", "CHANNEL", Map.of("channel", "x"), "https://t.me/x"))
                : Optional.empty(), Map.of(Modules.PLATFORM, "TELEGRAM"));
        List<ReceiptItem> found = pipeline.recognise("see hxxps://t[.]me/x and https://t.me/x and https://bad.example/a");
        assertEquals(2, found.size());
        assertEquals("TELEGRAM", found.get(0).platform());
        assertEquals("CHANNEL", found.get(0).kind());
        assertEquals("https://bad.example/a", found.get(1).canonicalUrl());
        assertTrue(pipeline.recognise("no link here at all").isEmpty());
        assertTrue(pipeline.recognise(null).isEmpty());
        List<ReceiptItem> chat = pipeline.recognise("12/03/2024, 21:15 - Ali: join https://t.me/x\n"
                + "12/03/2024, 21:16 - Abu: call +60 12-345 6789\n");
        assertEquals(ItemSource.CHAT, chat.get(0).source());
        assertEquals(2, chat.size());
        assertNull("nothing stored", store.saved);
    }

    @Test
    public void anonymousReportsCarryNoContact() {
        pipeline.submit(new Submission("web", null, List.of("https://bad.example/"), Category.GROOMING, null, true, "me@example.com", "en"));
        assertNull(store.saved.contact());
        assertTrue(store.saved.anonymous());
    }

    @Test
    public void aThrowingParserNeverFailsAReport() {
        pipeline.addParser(link -> {
            throw new IllegalStateException("boom");
        }, Map.of(Modules.PLATFORM, "BROKEN"));
        Receipt receipt = pipeline.submit(new Submission("web", null, List.of("https://bad.example/"), Category.OTHER, null, true, null, "en"));
        assertEquals("WEBSITE", receipt.items().get(0).platform());
    }

    @Test
    public void rejectedInputStoresNothing() {
        try {
            pipeline.submit(new Submission("web", null, List.of(), Category.OTHER, null, true, null, "en"));
            fail();
        } catch (SubmissionRejected e) {
            assertEquals("no_urls", e.code());
        }
        assertNull(store.saved);
    }

    @Test
    public void platformParsersComeBeforeTheWebsiteParser() {
        pipeline.addParser(link -> Optional.of(ParsedItem.of("WEBSITE", "WEB_PAGE", Map.of(), "https://x/")),
                Map.of(Modules.PLATFORM, "WEBSITE"));
        pipeline.addParser(link -> Optional.of(ParsedItem.of("FACEBOOK", "PAGE", Map.of(), "https://facebook.com/x")),
                Map.of(Modules.PLATFORM, "FACEBOOK"));
        Receipt receipt = pipeline.submit(new Submission("web", null, List.of("https://facebook.com/x"), Category.OTHER, null, true, null, "en"));
        assertEquals("FACEBOOK", receipt.items().get(0).platform());
    }

    private void rejected(String code, Submission submission) {
        try {
            pipeline.submit(submission);
            fail(code);
        } catch (SubmissionRejected e) {
            assertEquals(code, e.code());
        }
        assertNull(store.saved);
    }

    private static Submission withText(String description, String chat) {
        return new Submission("web", null, List.of("https://bad.example/a"), Category.CSAM, description, true, null,
                "en", chat);
    }

    @Test
    public void linksInTheDescriptionAndChatBecomeItemsOnce() {
        Receipt receipt = pipeline.submit(withText("also at hxxps://second[.]example/x and https://bad.example/a",
                "31/12/2023, 21:41 - +60 12-345 6789: join https://second.example/x or https://third.example/\n"
                + "more text, call 019-876 5432\n"));
        List<ReceiptItem> items = receipt.items();
        assertEquals(items.toString(), 5, items.size());
        assertEquals(ItemSource.URLS, items.get(0).source());
        assertEquals("https://second.example/x", items.get(1).canonicalUrl());
        assertEquals(ItemSource.DESCRIPTION, items.get(1).source());
        assertNull(items.get(1).seenAt());
        assertEquals("https://third.example/", items.get(2).canonicalUrl());
        assertEquals(ItemSource.CHAT, items.get(2).source());
        assertEquals(LocalDateTime.of(2023, 12, 31, 21, 41), items.get(2).seenAt());
        assertEquals("+60123456789", items.get(3).input());
        assertEquals("https://wa.me/60123456789", items.get(3).canonicalUrl());
        assertEquals("+60198765432", items.get(4).input());
        assertEquals(5, store.saved.items().size());
    }

    @Test
    public void badChatExportsAreRefusedAndNothingIsStored() {
        rejected("chat_export_archive", withText(null, "PK\u0003\u0004rest of a zip"));
        rejected("invalid_chat_export", withText(null, "hello, this is not an export"));
        rejected("invalid_chat_export", withText(null, "31/02/2023, 10:00 - A: https://x.example/"));
    }

    @Test
    public void aReportHoldsAtMostMaxItems() {
        StringBuilder chat = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            chat.append("31/12/2023, 21:41 - A: https://site").append(i).append(".example/\n");
        }
        rejected("too_many_items", withText(null, chat.toString()));
        assertEquals(5, pipeline.submit(withText(null, chat.substring(0, chat.lastIndexOf("31/12")))).items().size());
    }

    @Test
    public void aChatExportAloneIsEnoughButSomeLinkIsNeeded() {
        Receipt receipt = pipeline.submit(new Submission("web", null, List.of(), Category.SEXTORTION, null, true, null,
                "en", "31/12/2023, 21:41 - Ali: pay or else, 012-345 6789"));
        assertEquals("https://wa.me/60123456789", receipt.items().get(0).canonicalUrl());
        store.saved = null;
        rejected("no_urls", new Submission("web", null, List.of(), Category.OTHER, "no links here", true, null, "en",
                "31/12/2023, 21:41 - Ali: no links either"));
    }

    @Test
    public void mediaIsRefusedInEveryFieldAndNothingIsStored() {
        rejected("media_not_accepted", withText("look: data:image/png;base64,iVBORw0KGgo", null));
        rejected("media_not_accepted", new Submission("web", null, List.of("https://bad.example/?img=DATA%3Aimage%2Fpng%3Bbase64%2CiVBOR"),
                Category.CSAM, null, true, null, "en"));
        rejected("media_not_accepted", withText(null, "31/12/2023, 21:41 - A: data:image/jpeg;base64,/9j/4AAQ\n"));
        rejected("media_not_accepted", withText("x".repeat(600), null));
    }

    @Test
    public void aDescriptionWithMoreLinksThanItemsIsRefusedNotCut() {
        IntakePipeline big = new IntakePipeline(store, () -> "12345674", config(500, 10, 20));
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            links.append("s").append(i).append(".my ");
        }
        try {
            big.submit(new Submission("web", null, List.of(), Category.CSAM, links.toString(), true, null, "en"));
            fail();
        } catch (SubmissionRejected e) {
            assertEquals("too_many_items", e.code());
        }
        assertNull(store.saved);
        // the same link 600 times is one item
        big.submit(new Submission("web", null, List.of(), Category.CSAM, "https://same.example/ ".repeat(450), true, null, "en"));
        assertEquals(1, store.saved.items().size());
    }

    @Test
    public void eachClientHasItsOwnRate() {
        IntakePipeline limited = new IntakePipeline(store, () -> "12345674", config(5, 1, 3));
        Submission s = new Submission("web", null, List.of("https://bad.example/"), Category.CSAM, null, true, null, "en");
        for (int i = 0; i < 3; i++) {
            limited.submit(s.from("192.0.2.1", null));
        }
        TooManySubmissions e = assertThrows(TooManySubmissions.class, () -> limited.submit(s.from("192.0.2.1", null)));
        assertTrue(e.retryAfterSeconds() >= 1 && e.retryAfterSeconds() <= 60);
        assertEquals("nothing more was stored", 3, store.saves.get());
        limited.submit(s.from("192.0.2.2", null));
        limited.submit(s); // a channel that cannot tell its clients apart is not limited here
        assertEquals(5, store.saves.get());
    }

    @Test
    public void aRetryWithTheSameKeyAnswersTheFirstReceipt() {
        AtomicInteger n = new AtomicInteger();
        String[] refs = {"12345674", "23456781"};
        IntakePipeline p = new IntakePipeline(store, () -> refs[n.getAndIncrement() % 2], defaults());
        Submission s = new Submission("web", null, List.of("https://bad.example/"), Category.CSAM, "seen", false,
                "me@example.my", "en").from("192.0.2.1", "key-1");
        Receipt first = p.submit(s);
        Receipt again = p.submit(s);
        assertEquals(first.reference(), again.reference());
        assertEquals(first.items(), again.items());
        assertEquals(1, store.saves.get());
        // another key is another report; the same key from another channel too
        assertEquals("23456781", p.submit(s.from("192.0.2.1", "key-2")).reference());
        Submission email = new Submission("channel-email", null, s.urls(), s.category(), s.description(), false,
                s.contact(), "en").from(null, "key-1");
        p.submit(email);
        assertEquals(3, store.saves.get());
    }

    @Test
    public void theSameKeyWithOtherContentIsRefused() {
        Submission s = new Submission("web", null, List.of("https://bad.example/"), Category.CSAM, null, true, null, "en");
        pipeline.submit(s.from(null, "k"));
        store.saved = null;
        for (Submission other : List.of(
                new Submission("web", null, List.of("https://other.example/"), Category.CSAM, null, true, null, "en"),
                new Submission("web", null, List.of("https://bad.example/"), Category.GROOMING, null, true, null, "en"),
                new Submission("web", null, List.of("https://bad.example/"), Category.CSAM, "more", true, null, "en"))) {
            IdempotencyKeyReused e = assertThrows(IdempotencyKeyReused.class, () -> pipeline.submit(other.from(null, "k")));
            assertEquals("idempotency_key_reused", e.code());
        }
        assertNull(store.saved);
        assertEquals(1, store.saves.get());
    }

    @Test
    public void aDoubleClickStoresOneReport() throws Exception {
        CountDownLatch inSave = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ReportStore slow = new RecordingStore() {
            @Override
            public String save(NewReport report, ReferenceIssuer references) {
                inSave.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.save(report, references);
            }
        };
        IntakePipeline p = new IntakePipeline(slow, () -> "12345674", defaults());
        Submission s = new Submission("web", null, List.of("https://bad.example/"), Category.CSAM, null, true, null, "en")
                .from("192.0.2.1", "click");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Receipt> first = pool.submit(() -> p.submit(s));
            assertTrue(inSave.await(10, TimeUnit.SECONDS));
            Future<Receipt> second = pool.submit(() -> p.submit(s));
            release.countDown();
            assertEquals(first.get(10, TimeUnit.SECONDS).reference(), second.get(10, TimeUnit.SECONDS).reference());
            assertEquals(1, ((RecordingStore) slow).saves.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void fingerprintsTellContentApartButNotTheContactItself() {
        Submission a = new Submission("web", null, List.of("https://a.example/"), Category.CSAM, null, false, "012-3456789", "en");
        Submission b = new Submission("web", null, List.of("https://a.example/"), Category.CSAM, null, false, "019-8765432", "en");
        Submission c = new Submission("web", null, List.of("https://a.example/", ""), Category.CSAM, null, false, "012-3456789", "en");
        assertEquals(Idempotency.fingerprint(a), Idempotency.fingerprint(b));
        assertNotEquals(Idempotency.fingerprint(a), Idempotency.fingerprint(c));
        assertNotEquals(Idempotency.fingerprint(a), Idempotency.fingerprint(
                new Submission("web", null, a.urls(), Category.CSAM, null, true, null, "en")));
        assertNotEquals(Idempotency.fingerprint(a), Idempotency.fingerprint(a.withUrgent(true)));
        assertEquals(Idempotency.fingerprint(a), Idempotency.fingerprint(a.withUrgent(false)));
    }
}
