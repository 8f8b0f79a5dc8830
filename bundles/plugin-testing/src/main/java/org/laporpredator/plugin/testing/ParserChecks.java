package org.laporpredator.plugin.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.laporpredator.links.Refang;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;

/**
 * The checks a {@link PlatformParser}'s unit test runs, on links as reporters paste them: refanged
 * ({@code hxxps://line[.]me/...}) and given {@code https://} when they have no scheme, as the platform does.
 *
 * <pre>{@code
 * ParserChecks checks = new ParserChecks(new LineParser());
 * checks.assertItem("line.me/ti/g/AbCdEf", "INVITE_LINK", "https://line.me/ti/g/AbCdEf");
 * checks.assertSameItem("https://line.me/ti/g/AbCdEf", "https://line.me/R/ti/g/AbCdEf?utm_source=x");
 * checks.assertNotClaimed("https://line.me.evil.example/ti/g/AbCdEf");
 * checks.assertNeverThrows(42L, 20_000, "https://line.me/ti/g/AbCdEf");
 * }</pre>
 */
public final class ParserChecks {

    /** The longest one parse, unwrap and claimsScheme of a mutated link may take together. */
    static final long MAX_CALL_MILLIS = 500;
    /** The most a mutated link may take on average, in microseconds. */
    static final long MAX_AVERAGE_MICROS = 2_000;

    private static final String ALPHABET = "/?&=#%.:@-_+~aZ09[]!$'()*,; \\\u00e9\u0131\u200b";

    private final PlatformParser parser;

    public ParserChecks(PlatformParser parser) {
        this.parser = parser;
    }

    /** The link as the platform hands it to parsers: refanged, and with {@code https://} when it has no scheme. */
    public Url url(String link) {
        String t = Refang.refang(link.strip());
        int colon = t.indexOf(':');
        boolean scheme = t.contains("://")
                || (colon > 0 && parser.claimsScheme(t.substring(0, colon).toLowerCase(Locale.ROOT)));
        return Url.parse(scheme ? t : "https://" + t);
    }

    /** The item of a link, which the parser must claim: every part of it set, no fragment in its canonical URL. */
    public ParsedItem parse(String link) {
        Optional<ParsedItem> item = parser.parse(url(link));
        assertNotNull("parse returned null instead of Optional.empty(): " + link, item);
        if (item.isEmpty()) {
            fail("not claimed by " + parser.getClass().getSimpleName() + ": " + link);
        }
        ParsedItem p = item.get();
        complete(link, p);
        return p;
    }

    /**
     * The item of a link, of this kind and canonical URL; its canonical URL parses to the same item (the same
     * dedup key), so a partner who reports the canonical URL again finds it.
     */
    public ParsedItem assertItem(String link, String kind, String canonicalUrl) {
        ParsedItem item = parse(link);
        assertEquals("kind of " + link, kind, item.kind());
        assertEquals("canonical URL of " + link, canonicalUrl, item.canonicalUrl());
        ParsedItem again = parse(item.canonicalUrl());
        assertEquals("the canonical URL of " + link + " is another item", item.dedupKey(), again.dedupKey());
        assertEquals("the canonical URL of " + link + " has another canonical URL", item.canonicalUrl(),
                again.canonicalUrl());
        return item;
    }

    /** None of these links is the parser's: it neither parses nor unwraps them (a link that is no URL at all passes). */
    public void assertNotClaimed(String... links) {
        for (String link : links) {
            Url u;
            try {
                u = url(link);
            } catch (RuntimeException e) {
                continue; // the platform never hands it to a parser
            }
            Optional<ParsedItem> item = parser.parse(u);
            assertNotNull("parse returned null instead of Optional.empty(): " + link, item);
            assertFalse("claimed, but is not this platform's: " + link + " -> " + item.orElse(null), item.isPresent());
            Optional<String> target = parser.unwrap(u);
            assertFalse("unwrapped, but is not this platform's: " + link,
                    target != null && target.isPresent());
        }
    }

    /** The links are one item: all claimed, all with the first one's dedup key. */
    public void assertSameItem(String... links) {
        assertTrue("give at least one link", links.length > 0);
        ParsedItem first = parse(links[0]);
        for (String link : links) {
            ParsedItem item = parse(link);
            assertEquals(link + " is not the same item as " + links[0], first.dedupKey(), item.dedupKey());
        }
    }

    /**
     * {@code cases} seeded random mutations of the seed links (characters inserted, deleted, cut off, segments
     * repeated): {@code parse}, {@code unwrap} and {@code claimsScheme} never throw and never return null, each
     * item they give is complete, and they are fast (no call over {@value #MAX_CALL_MILLIS} ms, on average under
     * {@value #MAX_AVERAGE_MICROS} µs). A failure names the seed and the link, so it can be replayed.
     */
    public void assertNeverThrows(long seed, int cases, String... seedLinks) {
        assertTrue("give at least one seed link", seedLinks.length > 0);
        assertTrue("give at least one case", cases > 0);
        Random random = new Random(seed);
        int tried = 0;
        long total = 0;
        for (int i = 0; i < cases; i++) {
            String text = mutate(random, seedLinks[random.nextInt(seedLinks.length)]);
            Url u;
            try {
                u = url(text);
            } catch (RuntimeException e) {
                continue; // not a URL: the platform never hands it to a parser
            }
            tried++;
            long start = System.nanoTime();
            try {
                Optional<ParsedItem> item = parser.parse(u);
                assertNotNull("parse returned null for " + quoted(text, seed), item);
                item.ifPresent(p -> complete(quoted(text, seed), p));
                Optional<String> target = parser.unwrap(u);
                assertNotNull("unwrap returned null for " + quoted(text, seed), target);
                parser.claimsScheme(u.scheme());
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(e.getClass().getName() + " on " + quoted(text, seed), e);
            }
            long took = System.nanoTime() - start;
            total += took;
            assertTrue("took " + took / 1_000_000 + " ms on " + quoted(text, seed),
                    took <= MAX_CALL_MILLIS * 1_000_000);
        }
        assertTrue("no mutation of the seed links was a URL: give links the platform takes", tried > 0);
        long average = total / tried / 1_000;
        assertTrue("took " + average + " µs per link on average (seed " + seed + ")", average <= MAX_AVERAGE_MICROS);
    }

    private static String mutate(Random random, String seedLink) {
        StringBuilder b = new StringBuilder(seedLink);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length() + 1);
            switch (random.nextInt(5)) {
                case 0, 1 -> b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                case 3 -> b.setLength(Math.min(b.length(), Math.max(at, 1)));
                default -> {
                    // a piece repeated many times: long paths, long queries, nested shapes
                    int from = random.nextInt(b.length() + 1);
                    int to = Math.min(b.length(), from + 1 + random.nextInt(12));
                    String piece = b.substring(from, to);
                    b.insert(to, piece.repeat(1 + random.nextInt(200)));
                }
            }
        }
        return b.toString();
    }

    private static String quoted(String text, long seed) {
        String shown = text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
        return "\"" + shown + "\" (seed " + seed + ")";
    }

    private static void complete(String link, ParsedItem p) {
        assertNotNull("no platform: " + link, p.platform());
        assertNotNull("no kind: " + link, p.kind());
        assertNotNull("no canonical URL: " + link, p.canonicalUrl());
        assertNotNull("no dedup key: " + link, p.dedupKey());
        assertFalse("a fragment in the canonical URL of " + link + ": " + p.canonicalUrl(),
                p.canonicalUrl().contains("#"));
    }
}
