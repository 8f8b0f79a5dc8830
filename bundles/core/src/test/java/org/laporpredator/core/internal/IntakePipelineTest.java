package org.laporpredator.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.laporpredator.api.Category;
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
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;

public class IntakePipelineTest {

    /** Keeps what it was asked to save. */
    static final class RecordingStore implements ReportStore {
        NewReport saved;

        @Override
        public String save(NewReport report, ReferenceIssuer references) {
            saved = report;
            return references.next();
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
        return new CoreConfig() {
            @Override public Class<? extends Annotation> annotationType() { return CoreConfig.class; }
            @Override public int maxUrls() { return 50; }
            @Override public int maxUrlLength() { return 2048; }
            @Override public int maxDescriptionLength() { return 10_000; }
            @Override public int maxContactLength() { return 500; }
            @Override public int maxItems() { return 5; }
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
}
