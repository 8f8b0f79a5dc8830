package org.laporpredator.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.laporpredator.links.Refang;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;

/**
 * The checks every platform parser's table-driven test runs: each shape gives its platform, kind,
 * identifiers and canonical URL; a canonical URL parses to the same item; shapes of one item share a key;
 * different items never do; mutated shapes never make the parser throw.
 */
public final class ShapeTable {
    private final PlatformParser parser;

    public ShapeTable(PlatformParser parser) {
        this.parser = parser;
    }

    /** The text as a reporter pastes it: refanged, and with {@code https://} when it has no scheme. */
    public Url url(String text) {
        String t = Refang.refang(text.strip());
        int colon = t.indexOf(':');
        boolean scheme = t.contains("://")
                || (colon > 0 && parser.claimsScheme(t.substring(0, colon).toLowerCase(Locale.ROOT)));
        return Url.parse(scheme ? t : "https://" + t);
    }

    /** The item of a text, which the parser must take. */
    public ParsedItem parse(String text) {
        Optional<ParsedItem> item = parser.parse(url(text));
        assertTrue("not parsed: " + text, item.isPresent());
        return item.get();
    }

    /** Rows of input, platform, kind, identifiers ({@code name=value;...}), canonical URL. */
    public void shapes(String[][] rows) {
        for (String[] row : rows) {
            ParsedItem item = parse(row[0]);
            assertEquals(row[0], row[1], item.platform());
            assertEquals(row[0], row[2], item.kind());
            if (!row[3].isEmpty()) {
                for (String pair : row[3].split(";")) {
                    int eq = pair.indexOf('=');
                    assertEquals(row[0] + " " + pair, pair.substring(eq + 1),
                            item.identifiers().get(pair.substring(0, eq)));
                }
            }
            assertEquals(row[0], row[4], item.canonicalUrl());
            assertFalse(row[0], item.canonicalUrl().contains("#"));
            assertNotNull(item.dedupKey());
        }
    }

    /** Rows of input, kind, identifiers, canonical URL, all of one platform. */
    public void shapes(String platform, String[][] rows) {
        String[][] full = new String[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            full[i] = new String[] {rows[i][0], platform, rows[i][1], rows[i][2], rows[i][3]};
        }
        shapes(full);
    }

    /** Each row's canonical URL is the same item as its input. */
    public void canonicalUrlsParseToTheSameItem(String[][] rows) {
        for (String[] row : rows) {
            ParsedItem item = parse(row[0]);
            assertEquals(row[0], item.dedupKey(), parse(item.canonicalUrl()).dedupKey());
        }
    }

    /** Every text of a group is the same item. */
    public void sameItems(String[][] groups) {
        for (String[] group : groups) {
            String key = parse(group[0]).dedupKey();
            for (String text : group) {
                assertEquals(text, key, parse(text).dedupKey());
            }
        }
    }

    /** The two texts of each pair, and the groups among themselves, are different items. */
    public void differentItems(String[][] pairs, String[][] groups) {
        for (String[] pair : pairs) {
            assertNotEquals(pair[0] + " / " + pair[1], parse(pair[0]).dedupKey(), parse(pair[1]).dedupKey());
        }
        Set<String> keys = new HashSet<>();
        for (String[] group : groups) {
            assertTrue(group[0], keys.add(parse(group[0]).dedupKey()));
        }
    }

    /** 20,000 seeded mutations of the shapes: parse, unwrap and claimsScheme never throw. */
    public void neverThrows(String[][] rows, long seed) {
        Random random = new Random(seed);
        String alphabet = "/?&=#%.:@-_+aZ09[]!~ \\\u00e9";
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(rows[random.nextInt(rows.length)][0]);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < b.length()) {
                            b.deleteCharAt(at);
                        }
                    }
                    default -> b.setLength(Math.min(b.length(), at));
                }
            }
            Url u;
            try {
                u = url(b.toString());
            } catch (RuntimeException e) {
                continue;
            }
            parser.parse(u);
            parser.unwrap(u);
            parser.claimsScheme(u.scheme());
            parsed++;
        }
        assertTrue(parsed > 10_000);
    }
}
