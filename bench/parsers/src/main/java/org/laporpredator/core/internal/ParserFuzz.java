package org.laporpredator.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.laporpredator.chat.ChatExport;
import org.laporpredator.chat.ChatExportException;
import org.laporpredator.chat.PhoneNumbers;
import org.laporpredator.links.LinkFinder;
import org.laporpredator.links.Refang;
import org.laporpredator.links.Url;
import org.laporpredator.links.UrlException;
import org.laporpredator.parser.discord.internal.DiscordParser;
import org.laporpredator.parser.facebook.internal.FacebookParser;
import org.laporpredator.parser.instagram.internal.InstagramParser;
import org.laporpredator.parser.telegram.internal.TelegramParser;
import org.laporpredator.parser.tiktok.internal.TikTokParser;
import org.laporpredator.parser.web.internal.WebsiteParser;
import org.laporpredator.parser.wechat.internal.WeChatParser;
import org.laporpredator.parser.whatsapp.internal.WhatsAppParser;
import org.laporpredator.parser.x.internal.XParser;
import org.laporpredator.parser.youtube.internal.YouTubeParser;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.PlatformParser;
import org.laporpredator.spi.Platforms;

/**
 * Property-based fuzzing of every parser, the URL layer, the link finder and the chat-export
 * reader: random mutations of real-shaped inputs. A failure is any exception other than the
 * documented ones, or an input whose re-timed median exceeds the limit.
 *
 * <p>Usage: {@code java -cp bench/parsers/target/benchmarks.jar org.laporpredator.core.internal.ParserFuzz [seconds] [seed]}
 */
public final class ParserFuzz {

    /** An input may take at most this long (median of re-runs, so GC pauses do not count). */
    static final long LIMIT_NANOS = 5_000_000;

    static final String[] CHATS = {
        "31/12/2023, 21:41 - +60 12-345 6789: join here https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv\n"
            + "31/12/2023, 21:45 - Siti: who is this? call 012-345 6789\nsecond line t.me/somechannel\n",
        "[12/31/23, 9:41:05\u202fPM] ~\u00a0Ali: \u200ehttps://wa.me/60123456789 hxxps://bad[.]example/x\n"
            + "[12/31/23, 9:42:00\u202fPM] Ali: \u200eimage omitted\n",
        "1/2/24, 09:00 - Messages and calls are end-to-end encrypted.\n1/2/24, 09:01 - +44 7700 900123: www.bad.example\n",
    };

    private final Random random;
    private final ParserRegistry registry = new ParserRegistry();
    private final List<PlatformParser> parsers = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> slow = new ArrayList<>();
    private long inputs;
    private long slowestNanos;
    private String slowest = "";

    ParserFuzz(long seed) {
        random = new Random(seed);
        add(new FacebookParser(), Platforms.FACEBOOK);
        add(new InstagramParser(), Platforms.INSTAGRAM);
        add(new WhatsAppParser(), Platforms.WHATSAPP);
        add(new TelegramParser(), Platforms.TELEGRAM);
        add(new WeChatParser(), Platforms.WECHAT);
        add(new TikTokParser(), Platforms.TIKTOK);
        add(new XParser(), Platforms.X);
        add(new YouTubeParser(), Platforms.YOUTUBE);
        add(new DiscordParser(), Platforms.DISCORD);
        add(new WebsiteParser(), Modules.WEBSITE);
    }

    private void add(PlatformParser parser, String platform) {
        parsers.add(parser);
        registry.add(parser, Map.of(Modules.PLATFORM, platform));
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        ParserFuzz fuzz = new ParserFuzz(seed);
        fuzz.run(2_000_000_000L, false);
        fuzz.run(seconds * 1_000_000_000L, true);
        System.out.printf("seed %d: %d inputs in %d s, slowest %.3f ms: %s%n", seed, fuzz.inputs, seconds,
                fuzz.slowestNanos / 1e6, fuzz.slowest.length() > 200 ? fuzz.slowest.substring(0, 200) + "..." : fuzz.slowest);
        fuzz.failures.forEach(f -> System.out.println("FAIL " + f));
        fuzz.slow.forEach(f -> System.out.println("SLOW " + f));
        System.exit(fuzz.failures.isEmpty() && fuzz.slow.isEmpty() ? 0 : 1);
    }

    /** Runs for the given time; when {@code measure}, keeps the slowest input and the failures. */
    void run(long nanos, boolean measure) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                boolean chat = random.nextInt(8) == 0;
                String input = chat ? mutate(CHATS[random.nextInt(CHATS.length)], 12)
                        : mutate(ParserRegistryBenchmark.CORPUS[random.nextInt(ParserRegistryBenchmark.CORPUS.length)], 4);
                Consumer<String> target = chat ? this::chat : this::link;
                long t = time(target, input);
                inputs++;
                if (measure && t > slowestNanos) {
                    long median = median(target, input);
                    if (median > slowestNanos) {
                        slowestNanos = median;
                        slowest = input;
                    }
                    if (median > LIMIT_NANOS) {
                        slow.add(String.format("%.1f ms: %s", median / 1e6, input));
                    }
                }
            }
        }
    }

    private long time(Consumer<String> target, String input) {
        long start = System.nanoTime();
        try {
            target.accept(input);
        } catch (RuntimeException e) {
            failures.add(e + " on " + input);
        }
        return System.nanoTime() - start;
    }

    private long median(Consumer<String> target, String input) {
        long[] t = new long[9];
        for (int i = 0; i < t.length; i++) {
            t[i] = time(target, input);
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }

    private final MediaGuard media = new MediaGuard(512);

    /** One link, as the core handles it (the media check first), and through every parser on its own. */
    void link(String text) {
        media.holdsMedia(text);
        Url url;
        try {
            url = Url.parse(Refang.refang(text));
        } catch (UrlException e) {
            return;
        }
        registry.parse(url);
        for (PlatformParser p : parsers) {
            p.parse(url);
            p.unwrap(url);
            p.claimsScheme(url.scheme());
        }
    }

    /** A chat export: messages, then their links and phone numbers. */
    void chat(String text) {
        media.holdsMedia(text);
        for (String link : LinkFinder.find(text)) {
            link(link);
        }
        try {
            for (var m : ChatExport.read(text)) {
                PhoneNumbers.find(m.text());
                if (m.sender() != null) {
                    PhoneNumbers.find(m.sender());
                }
            }
        } catch (ChatExportException e) {
            // a refusal is the documented outcome
        }
    }

    private static final String[] PIECES = {"/", "//", "?", "#", "@", ":", "%", "%2e", "%00", "%zz", "[", "]", "\\",
        "..", ".", "+", "&", "=", "\u0000", "\t", "\n", " ", "\u00df", "\u0130", "\u200d", "\ufffd", "xn--", "[.]",
        "hxxp", "\ud83d\ude00", "\ud800", "0x7f.1", "[::1]", "999999999999", "www.", "t.me/", "wa.me/+", "?id=",
        "/status/", "@", "31/12/2023, 21:41 - ", "[1/2/24, 9:41:05 PM] ", "\r\n", "+60 12-345 6789", "data:",
        ";base64,", "image/png", "%3A", "%25", "\\x8", "0x", "AAAA", "\uff44"};

    /** A few random edits: insert a piece or a random char, delete, duplicate, splice, repeat. */
    String mutate(String seed, int edits) {
        StringBuilder s = new StringBuilder(seed);
        int n = 1 + random.nextInt(edits);
        for (int i = 0; i < n; i++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> s.insert(at, PIECES[random.nextInt(PIECES.length)]);
                case 1 -> s.insert(at, (char) random.nextInt(0x3000));
                case 2 -> {
                    if (s.length() > 0) {
                        int end = Math.min(s.length(), at + 1 + random.nextInt(8));
                        s.delete(Math.min(at, s.length() - 1), end);
                    }
                }
                case 3 -> {
                    int end = Math.min(s.length(), at + random.nextInt(16));
                    s.insert(at, s.substring(at, end));
                }
                case 4 -> {
                    String other = ParserRegistryBenchmark.CORPUS[random.nextInt(ParserRegistryBenchmark.CORPUS.length)];
                    s.insert(at, other.substring(random.nextInt(other.length())));
                }
                case 5 -> s.insert(at, PIECES[random.nextInt(PIECES.length)].repeat(1 + random.nextInt(200)));
                default -> s.setCharAt(Math.min(at, Math.max(0, s.length() - 1)), (char) (32 + random.nextInt(95)));
            }
            if (s.length() == 0) {
                s.append(seed);
            }
        }
        return s.toString();
    }

    /** Inputs that threw something other than the documented exceptions. */
    List<String> failures() {
        return failures;
    }

    long inputs() {
        return inputs;
    }
}
