package org.laporpredator.plugin.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;

public class ParserChecksTest {

    /** example.test: /u/<name> a PROFILE (name in any case), anything else a WEB_PAGE. */
    static class ExampleParser implements PlatformParser {
        @Override
        public Optional<ParsedItem> parse(Url url) {
            if (!url.web() || !url.hostIs("example.test")) {
                return Optional.empty();
            }
            List<String> s = url.segments();
            if (s.size() == 2 && s.get(0).equals("u") && !s.get(1).isEmpty()) {
                String name = s.get(1).toLowerCase(Locale.ROOT);
                return Optional.of(ParsedItem.of("EXAMPLE", "PROFILE", Map.of("name", name),
                        "https://example.test/u/" + name));
            }
            return Optional.of(ParsedItem.of("EXAMPLE", "WEB_PAGE", Map.of(), "https://example.test" + url.pathname()));
        }
    }

    private final ParserChecks checks = new ParserChecks(new ExampleParser());

    private static void fails(String expected, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
            return;
        }
        fail("the check passed; expected it to fail with \"" + expected + "\"");
    }

    @Test
    public void parsesLinksAsReportersPasteThem() {
        assertEquals("alice", checks.parse("hxxps://example[.]test/u/Alice").identifiers().get("name"));
        assertEquals("PROFILE", checks.parse("example.test/u/alice").kind());
        fails("not claimed by ExampleParser: https://other.test/u/alice", () -> checks.parse("https://other.test/u/alice"));
    }

    @Test
    public void assertItemChecksKindCanonicalUrlAndThatTheCanonicalUrlIsTheSameItem() {
        ParsedItem item = checks.assertItem("https://www.example.test/u/ALICE#top", "PROFILE", "https://example.test/u/alice");
        assertEquals("EXAMPLE", item.platform());
        fails("kind of", () -> checks.assertItem("https://example.test/u/alice", "GROUP", "https://example.test/u/alice"));
        fails("canonical URL of", () -> checks.assertItem("https://example.test/u/alice", "PROFILE",
                "https://example.test/u/Alice"));
        ParserChecks unstable = new ParserChecks(url -> url.hostIs("example.test")
                ? Optional.of(ParsedItem.of("EXAMPLE", "WEB_PAGE", Map.of(), "https://example.test/x" + url.pathname()))
                : Optional.empty());
        fails("is another item", () -> unstable.assertItem("https://example.test/a", "WEB_PAGE", "https://example.test/x/a"));
    }

    @Test
    public void aFragmentInTheCanonicalUrlFails() {
        ParserChecks withFragment = new ParserChecks(url -> Optional.of(ParsedItem.of("EXAMPLE", "WEB_PAGE", Map.of(),
                url.href())));
        fails("a fragment in the canonical URL", () -> withFragment.parse("https://example.test/a#b"));
    }

    @Test
    public void assertNotClaimedFailsOnALinkTheParserTakes() {
        checks.assertNotClaimed("https://example.test.evil.example/u/alice", "https://notexample.test/u/a",
                "ftp://example.test/u/alice", "http://[::1", "");
        fails("claimed, but is not this platform's: https://example.test/u/bob",
                () -> checks.assertNotClaimed("https://other.test/", "https://example.test/u/bob"));
        ParserChecks unwrapper = new ParserChecks(new ExampleParser() {
            @Override
            public Optional<String> unwrap(Url url) {
                return Optional.of("https://example.test/u/a");
            }
        });
        fails("unwrapped", () -> unwrapper.assertNotClaimed("https://other.test/"));
    }

    @Test
    public void assertSameItemFailsOnTwoItems() {
        checks.assertSameItem("https://example.test/u/alice", "example.test/u/ALICE/", "http://www.example.test/u/Alice?x=1");
        fails("https://example.test/u/bob is not the same item as https://example.test/u/alice",
                () -> checks.assertSameItem("https://example.test/u/alice", "https://example.test/u/bob"));
        fails("not claimed", () -> checks.assertSameItem("https://example.test/u/alice", "https://other.test/u/alice"));
    }

    @Test
    public void assertNeverThrowsPassesAGoodParser() {
        checks.assertNeverThrows(42L, 5_000, "https://example.test/u/alice", "https://example.test/a/b?c=d#e");
    }

    @Test
    public void assertNeverThrowsNamesTheLinkAndSeedThatThrew() {
        ParserChecks fragile = new ParserChecks(new ExampleParser() {
            @Override
            public Optional<ParsedItem> parse(Url url) {
                if (url.pathname().length() > 20) {
                    throw new IndexOutOfBoundsException("long path");
                }
                return super.parse(url);
            }
        });
        fails("java.lang.IndexOutOfBoundsException on \"", () -> fragile.assertNeverThrows(7L, 5_000,
                "https://example.test/u/alice"));
        fails("(seed 7)", () -> fragile.assertNeverThrows(7L, 5_000, "https://example.test/u/alice"));
    }

    @Test
    public void assertNeverThrowsFailsOnNullAndOnIncompleteItems() {
        ParserChecks nulls = new ParserChecks(url -> null);
        fails("parse returned null", () -> nulls.assertNeverThrows(1L, 100, "https://example.test/"));
        ParserChecks noKind = new ParserChecks(url -> Optional.of(new ParsedItem("EXAMPLE", null, Map.of(), "https://x.test/",
                "k")));
        fails("no kind", () -> noKind.assertNeverThrows(1L, 100, "https://example.test/"));
    }

    @Test
    public void assertNeverThrowsFailsASlowParser() {
        ParserChecks slow = new ParserChecks(new ExampleParser() {
            @Override
            public Optional<ParsedItem> parse(Url url) {
                if (url.href().contains("~")) {
                    long until = System.nanoTime() + (ParserChecks.MAX_CALL_MILLIS + 100) * 1_000_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait(); // a backtracking regular expression, say
                    }
                }
                return super.parse(url);
            }
        });
        fails("ms on \"", () -> slow.assertNeverThrows(3L, 20_000, "https://example.test/u/alice"));
    }

    @Test
    public void assertNeverThrowsNeedsSeedsThatAreLinks() {
        fails("no mutation of the seed links was a URL", () -> checks.assertNeverThrows(1L, 50, "[[[[[[[[[["));
    }
}
