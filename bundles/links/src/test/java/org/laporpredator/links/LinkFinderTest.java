package org.laporpredator.links;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class LinkFinderTest {

    private static void links(String text, String... expected) {
        assertEquals(text, Arrays.asList(expected), LinkFinder.find(text));
    }

    @Test
    public void issueExample() {
        links("They also use hxxps://t[.]me/otherchannel and www.bad-second.example/page.",
                "hxxps://t[.]me/otherchannel", "www.bad-second.example/page");
    }

    @Test
    public void plainLinks() {
        links("See https://bad.example/a?b=1#c now", "https://bad.example/a?b=1#c");
        links("HTTP://BAD.EXAMPLE/Page", "HTTP://BAD.EXAMPLE/Page");
        links("two: http://a.example/1 http://b.example/2", "http://a.example/1", "http://b.example/2");
        links("same twice https://x.example/a https://x.example/a", "https://x.example/a");
        links("tg link tg://resolve?domain=jualan_budak please", "tg://resolve?domain=jualan_budak");
        links("a port http://bad.example:8080/x and an IP http://203.0.113.7/x",
                "http://bad.example:8080/x", "http://203.0.113.7/x");
        links("ipv6 http://[2001:db8::1]/x", "http://[2001:db8::1]/x");
    }

    @Test
    public void sentencePunctuationIsNotPartOfTheLink() {
        links("Go to https://bad.example/a.", "https://bad.example/a");
        links("Is it https://bad.example/a?", "https://bad.example/a");
        links("Links: https://a.example/x, https://b.example/y; done!", "https://a.example/x", "https://b.example/y");
        links("Wow https://bad.example/!!!", "https://bad.example/");
        links("He said \"https://bad.example/q\".", "https://bad.example/q");
        links("'https://bad.example/q'", "https://bad.example/q");
        links("see https://bad.example/a...", "https://bad.example/a");
    }

    @Test
    public void brackets() {
        links("(see https://bad.example/a)", "https://bad.example/a");
        links("[https://bad.example/a]", "https://bad.example/a");
        links("https://en.wikipedia.org/wiki/Foo_(bar) is fine", "https://en.wikipedia.org/wiki/Foo_(bar)");
        links("(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)");
        links("{https://bad.example/a}", "https://bad.example/a");
        links("<https://bad.example/a>", "https://bad.example/a");
        links("(t.me/jualan)", "t.me/jualan");
    }

    @Test
    public void markdown() {
        links("[click here](https://bad.example/a)", "https://bad.example/a");
        links("[https://bad.example/a](https://bad.example/a)", "https://bad.example/a");
        links("**https://bad.example/a**", "https://bad.example/a");
        links("[kumpulan](t.me/kumpulan123)", "t.me/kumpulan123");
        links("`https://bad.example/code`", "https://bad.example/code");
    }

    @Test
    public void defanged() {
        links("hxxp://bad[.]example/x", "hxxp://bad[.]example/x");
        links("hXXps[:]//bad[.]example[/]x", "hXXps[:]//bad[.]example[/]x");
        links("h**ps://bad.example/x", "h**ps://bad.example/x");
        links("visit bad(.)site today", "bad(.)site");
        links("visit bad[dot]site today", "bad[dot]site");
        links("visit bad{.}site/x today", "bad{.}site/x");
        links("http[:]//bad.example/x", "http[:]//bad.example/x");
    }

    @Test
    public void withoutScheme() {
        links("join t.me/abc", "t.me/abc");
        links("whatsapp wa.me/60123456789", "wa.me/60123456789");
        links("group chat.whatsapp.com/XYZabc123", "chat.whatsapp.com/XYZabc123");
        links("short bit.ly/x", "bit.ly/x");
        links("site www.bad-second.example", "www.bad-second.example");
        links("a site bad-site.com.my and more", "bad-site.com.my");
        links("Mixed Case T.ME/Abc", "T.ME/Abc");
        links("with port bad.example.com:8080/x", "bad.example.com:8080/x");
    }

    @Test
    public void notLinks() {
        links("mail me at someone@example.com");
        links("e.g. this one, i.e. that one");
        links("the file photo.jpg and report.pdf");
        links("version 1.2.3 and 10.0.1");
        links("archive.zip and script.py and notes.md");
        links("price RM10.50 at 3.30pm");
        links("no scheme here: http:// nor https://");
        links("Dr.Smith and Mr.Tan said hi.");
        links("");
        links(null);
        links("...");
        links("unknown.example");
    }

    @Test
    public void malayAndEnglishSentences() {
        links("Saya jumpa pautan ini di Telegram: https://t.me/jualanharam123. Tolong ambil tindakan!",
                "https://t.me/jualanharam123");
        links("Budak itu dihantar pautan wa.me/60123456789 oleh lelaki tersebut, dan juga bit.ly/3abcDEF.",
                "wa.me/60123456789", "bit.ly/3abcDEF");
        links("Akaun ini (https://www.instagram.com/bad.account/) menghantar mesej kepada anak saya.",
                "https://www.instagram.com/bad.account/");
        links("Laman web www.contoh-jahat.com.my/galeri?id=7 ada gambar budak.",
                "www.contoh-jahat.com.my/galeri?id=7");
        links("He messaged my daughter on https://www.facebook.com/profile.php?id=1000123 and asked for photos.",
                "https://www.facebook.com/profile.php?id=1000123");
    }

    @Test
    public void chatLines() {
        links("[12/03/2024, 21:15] Ali: tengok ni https://t.me/+AbCdEf123",
                "https://t.me/+AbCdEf123");
        links("12:01 <bob> new group -> chat.whatsapp.com/Gx1yZ2 join fast",
                "chat.whatsapp.com/Gx1yZ2");
        links("user1: https://discord.gg/abc|https://discord.gg/def", "https://discord.gg/abc", "https://discord.gg/def");
        links("link:https://bad.example/a", "https://bad.example/a");
    }

    @Test
    public void unicodeHosts() {
        links("网站 http://例子.中国/页面 看", "http://例子.中国/页面");
        links("laman 例子.中国/页面", "例子.中国/页面");
        links("«https://bad.example/a»", "https://bad.example/a");
        links("“https://bad.example/a”", "https://bad.example/a");
        links("请看：https://bad.example/a。谢谢", "https://bad.example/a");
        links("https://bücher.example/x", "https://bücher.example/x");
    }

    @Test
    public void atMost500() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            b.append("https://bad.example/").append(i).append(' ');
        }
        List<String> found = LinkFinder.find(b.toString());
        assertEquals(LinkFinder.MAX_LINKS, found.size());
        assertEquals("https://bad.example/0", found.get(0));
    }

    @Test
    public void largeTextIsFast() {
        String[] words = {"Saya", "jumpa", "t.me/abc", "photo.jpg", "1.2.3", "e.g.", "https://bad.example/a",
            "someone@example.com", "(https://x.example/b)", "hxxps://t[.]me/x", "biasa", "bad(.)site", "co.uk"};
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (b.length() < 2 * 1024 * 1024) {
            b.append(words[i++ % words.length]).append(' ');
        }
        String text = b.toString();
        StringBuilder noLinks = new StringBuilder();
        while (noLinks.length() < 2 * 1024 * 1024) {
            noLinks.append("photo.jpg http:// e.g. co.uk 1.2.3 word hello.txt httpx (((( ]]]] ");
        }
        StringBuilder oneToken = new StringBuilder("https://bad.example/");
        while (oneToken.length() < 2 * 1024 * 1024) {
            oneToken.append("a(b)[c]");
        }
        StringBuilder distinct = new StringBuilder();
        for (int k = 0; distinct.length() < 2 * 1024 * 1024; k++) {
            distinct.append("file").append(k).append(".jpg v1.2.").append(k).append(" 例子").append(k).append(".测试x ");
        }
        for (String s : new String[] {text, noLinks.toString(), oneToken.toString(), distinct.toString()}) {
            long ms = time(s);
            assertTrue("took " + ms + " ms", ms < 100);
        }
        // The worst case found: nothing but distinct malformed links, each needing a full parse. Still linear.
        StringBuilder malformed = new StringBuilder();
        for (int k = 0; malformed.length() < 2 * 1024 * 1024; k++) {
            malformed.append("http://[").append(k).append(' ');
        }
        long ms = time(malformed.toString());
        assertTrue("took " + ms + " ms", ms < 300);
    }

    /** Best of three after warming up the JIT (steady state, as in a running server); the build machine is shared. */
    private static long time(String s) {
        for (int k = 0; k < 10; k++) {
            LinkFinder.find(s);
        }
        long ms = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long start = System.nanoTime();
            LinkFinder.find(s);
            ms = Math.min(ms, (System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("LinkFinder on 2 MiB: " + ms + " ms");
        return ms;
    }
}
