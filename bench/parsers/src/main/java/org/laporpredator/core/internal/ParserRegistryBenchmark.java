package org.laporpredator.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.laporpredator.links.Refang;
import org.laporpredator.links.Url;
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
import org.laporpredator.spi.Platforms;
import org.laporpredator.spi.PlatformParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A mixed corpus of real-shaped links through the whole parser registry, on one thread (one core).
 * {@code baseline} only walks the corpus; {@code jdkUri} is the JDK's URI parser on the same texts, the
 * yardstick the other scores are read against (a ratio measured in the same run).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ParserRegistryBenchmark {

    /** What reporters paste, roughly in the mix they paste it. */
    static final String[] CORPUS = {
        "https://m.facebook.com/groups/123456789012345/posts/987654321098765/?mibextid=Nif5oz",
        "https://www.facebook.com/profile.php?id=100012345678901&fbclid=IwAR0abc",
        "https://l.facebook.com/l.php?u=https%3A%2F%2Ft.me%2Fsomechannel%2F42&h=AT0x",
        "https://www.facebook.com/share/p/1AbCdEfGhI/",
        "https://fb.watch/abcDEF123/",
        "https://www.facebook.com/some.page/videos/1234567890123456/",
        "https://m.me/some.person",
        "https://www.instagram.com/p/CxYz123AbC/?igsh=MWx0ZmM5",
        "https://instagram.com/some_user?utm_source=ig_web_copy_link",
        "https://www.instagram.com/reel/C1a2b3c4d5e/",
        "https://wa.me/60123456789",
        "https://api.whatsapp.com/send?phone=60123456789&text=hi",
        "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
        "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn0a1b",
        "https://t.me/somechannel/1234",
        "https://t.me/s/SomeChannel",
        "https://t.me/+AbCdEfGhIjK1LmNo",
        "https://t.me/joinchat/AbCdEfGhIjK1LmNo",
        "tg://resolve?domain=somechannel&post=12",
        "https://t.me/c/1234567890/55",
        "https://weixin.qq.com/g/AbCdEfGhIjKl",
        "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUv",
        "https://vm.tiktok.com/ZMabcdef/",
        "https://www.tiktok.com/@some.user/video/7234567890123456789?_r=1&_t=8abc",
        "https://x.com/someuser/status/1723456789012345678?s=20",
        "https://twitter.com/SomeUser",
        "https://t.co/AbCdEf1234",
        "https://youtu.be/dQw4w9WgXcQ?si=abcdEFGH",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube.com/@SomeChannel",
        "https://discord.gg/AbCdEf",
        "https://discord.com/channels/123456789012345678/234567890123456789",
        "hxxps://bad[.]example/gallery/123?utm_source=x",
        "https://www.some-forum.example.my/thread/4567-topic-name/page-2",
        "http://192.168.10.20:8080/files/",
        "https://xn--80ak6aa92e.example/",
        "https://bad.example.com/a/b/../c?id=5&fbclid=abc",
    };

    private ParserRegistry registry;
    private List<Url> urls;
    private List<String> texts;

    @Setup
    public void setUp() {
        registry = new ParserRegistry();
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
        urls = new ArrayList<>();
        texts = new ArrayList<>();
        for (String s : CORPUS) {
            String text = Refang.refang(s);
            texts.add(text);
            urls.add(Url.parse(text));
        }
    }

    private void add(PlatformParser parser, String platform) {
        registry.add(parser, Map.of(Modules.PLATFORM, platform));
    }

    /** Walks the corpus and does nothing with it. */
    @Benchmark
    @OperationsPerInvocation(38)
    public void baseline(Blackhole bh) {
        for (Url u : urls) {
            bh.consume(u.hostname());
        }
    }

    /** The JDK's own URI parser on the same texts: the cost of merely reading a link, for comparison. */
    @Benchmark
    @OperationsPerInvocation(38)
    public void jdkUri(Blackhole bh) {
        for (String t : texts) {
            try {
                bh.consume(new java.net.URI(t).getHost());
            } catch (java.net.URISyntaxException e) {
                bh.consume(e);
            }
        }
    }

    /** Parsed links through every parser (unwrapping included): links per second. */
    @Benchmark
    @OperationsPerInvocation(38)
    public void registry(Blackhole bh) {
        for (Url u : urls) {
            bh.consume(registry.parse(u));
        }
    }

    /** Text to item: URL parsing, then every parser: links per second. */
    @Benchmark
    @OperationsPerInvocation(38)
    public void parseAndRegistry(Blackhole bh) {
        for (String t : texts) {
            bh.consume(registry.parse(Url.parse(t)));
        }
    }
}
