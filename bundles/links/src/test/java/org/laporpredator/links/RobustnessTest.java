package org.laporpredator.links;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** Random mutations of real inputs: Url.parse only ever throws UrlException, LinkFinder never throws. */
public class RobustnessTest {

    private static final long SEED = 20240611L;
    private static final int MUTATIONS = 50_000;

    /** Characters that matter to the parsers, and some that should never matter. */
    private static final String INTERESTING = ":/\\?#@[]%.()0123456789xX-_+ \t\n\r\u0000\u007f\u00ad\u200d\u3002"
            + "\uff0e\ufffd\ud800\udc00üß食狮中国hxps*{}|^`\"'<>&=;,!~$";

    private static final String[] SENTENCES = {
        "They also use hxxps://t[.]me/otherchannel and www.bad-second.example/page.",
        "Saya jumpa pautan ini di Telegram: https://t.me/jualanharam123. Tolong ambil tindakan!",
        "Budak itu dihantar pautan wa.me/60123456789 oleh lelaki tersebut, dan juga bit.ly/3abcDEF.",
        "[click here](https://bad.example/a) (see https://en.wikipedia.org/wiki/Foo_(bar)) e.g. photo.jpg 1.2.3",
        "visit bad(.)site or bad[dot]site or hXXps[:]//bad[.]example[/]x someone@example.com",
        "网站 http://例子.中国/页面 看 «https://bad.example/a» “t.me/abc”",
    };

    @Test
    public void mutatedInputsNeverBreakTheParsers() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (JsonNode c : UrlConformanceTest.allCases()) {
            seeds.add(c.get("input").asText());
        }
        for (String s : SENTENCES) {
            seeds.add(s);
        }
        Random random = new Random(SEED);
        int parsed = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                Url url = Url.parse(input);
                parsed++;
                // A parsed URL serializes to itself.
                if (!Url.parse(url.href()).href().equals(url.href())) {
                    fail("href does not parse to itself: " + url.href());
                }
                url.pathSegments();
                url.queryParameters();
                Domains.registrable(url.hostname());
            } catch (UrlException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            } catch (RuntimeException e) {
                throw new AssertionError("Url.parse threw " + e + " for " + escape(input), e);
            }
            try {
                List<String> links = LinkFinder.find(input);
                assertTrue(links.size() <= LinkFinder.MAX_LINKS);
                Refang.refang(input);
                Domains.publicSuffix(input);
            } catch (RuntimeException e) {
                throw new AssertionError("LinkFinder threw " + e + " for " + escape(input), e);
            }
        }
        System.out.println("Robustness: " + MUTATIONS + " mutations, " + parsed + " parsed as URLs");
    }

    private static String mutate(String s, Random random) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length() + 1);
            char c = INTERESTING.charAt(random.nextInt(INTERESTING.length()));
            switch (random.nextInt(5)) {
                case 0:
                    b.insert(at, c);
                    break;
                case 1:
                    if (at < b.length()) {
                        b.setCharAt(at, c);
                    }
                    break;
                case 2:
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                    break;
                case 3:
                    b.insert(at, (char) random.nextInt(0x10000));
                    break;
                default:
                    if (at < b.length()) {
                        int to = Math.min(b.length(), at + 1 + random.nextInt(8));
                        b.insert(random.nextInt(b.length() + 1), b.substring(at, to));
                    }
            }
        }
        return b.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
