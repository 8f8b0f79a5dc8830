package org.laporpredator.links;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The accessors beyond what the WHATWG suite checks. */
public class UrlTest {

    @Test
    public void components() {
        Url u = Url.parse("  HTTPS://User:p@ss@Bad.Example:443/a/./b/../c?q=a+b%20c&x=%zz&&y#top\n");
        assertEquals("https://User:p%40ss@bad.example/a/c?q=a+b%20c&x=%zz&&y#top", u.href());
        assertEquals("https", u.scheme());
        assertTrue(u.special());
        assertEquals("User", u.username());
        assertEquals("p%40ss", u.password());
        assertEquals("bad.example", u.hostname());
        assertEquals(-1, u.port());
        assertEquals("/a/c", u.pathname());
        assertEquals(List.of("a", "c"), u.pathSegments());
        assertEquals("q=a+b%20c&x=%zz&&y", u.query());
        assertEquals("?q=a+b%20c&x=%zz&&y", u.search());
        assertEquals("top", u.fragment());
        assertEquals("#top", u.hash());
    }

    @Test
    public void queryParameters() {
        Url u = Url.parse("https://x.example/?q=a+b%20c&x=%zz&&y&q=2&n=%E4%BD%A0%E5%A5%BD&bad=%FF");
        assertEquals(List.of(Map.entry("q", "a b c"), Map.entry("x", "%zz"), Map.entry("y", ""), Map.entry("q", "2"),
                Map.entry("n", "你好"), Map.entry("bad", "\ufffd")), u.queryParameters());
        assertEquals("a b c", u.queryParameter("q"));
        assertNull(u.queryParameter("missing"));
        assertTrue(Url.parse("https://x.example/").queryParameters().isEmpty());
        assertEquals("", Url.parse("https://x.example/?").query());
        assertEquals("", Url.parse("https://x.example/?").search());
        assertNull(Url.parse("https://x.example/").query());
    }

    @Test
    public void pathSegments() {
        assertEquals(List.of(), Url.parse("https://x.example").pathSegments());
        assertEquals("/", Url.parse("https://x.example").pathname());
        assertEquals(List.of("s", "abc", ""), Url.parse("https://t.me/s/abc/").pathSegments());
        assertEquals(List.of("a%20b", "%E4%BD%A0"), Url.parse("https://x.example/a b/你").pathSegments());
        assertEquals(List.of("resolve"), Url.parse("tg:resolve?domain=x").pathSegments());
        assertEquals(List.of(), Url.parse("tg://resolve?domain=x").pathSegments());
    }

    @Test
    public void opaqueHosts() {
        Url u = Url.parse("tg://resolve?domain=x");
        assertEquals("resolve", u.hostname());
        assertFalse(u.special());
        assertEquals("", u.pathname());
        assertEquals("x", u.queryParameter("domain"));
        assertEquals("Resolve", Url.parse("TG://Resolve?domain=x").hostname());
        assertEquals("", Url.parse("mailto:someone@example.com").hostname());
    }

    @Test
    public void hosts() {
        assertEquals("xn--bcher-kva.example", Url.parse("https://BÜCHER.example/").hostname());
        assertEquals("xn--bcher-kva.example", Url.parse("https://b%C3%BCcher.example/").hostname());
        assertEquals("127.0.0.1", Url.parse("http://0x7f.1/").hostname());
        assertEquals("[::1]", Url.parse("http://[0:0:0:0:0:0:0:1]/").hostname());
        assertEquals("example.com.", Url.parse("https://example\uff0ecom\u3002/").hostname());
        assertEquals(8080, Url.parse("http://x.example:8080/").port());
        assertEquals(-1, Url.parse("http://x.example:80/").port());
        assertEquals(-1, Url.parse("http://x.example:/").port());
    }

    @Test
    public void hostIs() {
        Url u = Url.parse("https://m.facebook.com/x");
        assertTrue(u.hostIs("facebook.com"));
        assertTrue(u.hostIs("m.facebook.com"));
        assertFalse(u.hostIs("book.com"));
        assertFalse(Url.parse("https://facebook.com.evil.example/").hostIs("facebook.com"));
        assertFalse(Url.parse("https://facebook.com@evil.example/").hostIs("facebook.com"));
    }

    @Test
    public void equality() {
        assertEquals(Url.parse("HTTP://Bad.Example:80/a/../b"), Url.parse("http://bad.example/b"));
        assertEquals(Url.parse("HTTP://Bad.Example:80/a/../b").hashCode(), Url.parse("http://bad.example/b").hashCode());
        assertNotEquals(Url.parse("http://bad.example/b"), Url.parse("https://bad.example/b"));
        assertEquals("http://bad.example/b", Url.parse("http://bad.example/b").toString());
    }

    @Test
    public void failuresSayWhy() {
        String[][] cases = {
            {"", "the link is empty"},
            {"bad.example/x", "the link has no scheme such as https://"},
            {"https://", "the link has no host name"},
            {"https://exa mple.com/", "the link's host name contains a space"},
            {"http://x.example:99999/", "the link's port is larger than 65535"},
            {"http://x.example:8o/", "the link's port is not a number"},
            {"http://999.1.1.1/", "the link's IPv4 address has a part larger than 255"},
            {"http://[1::2::3]/", "the link's IPv6 address is not valid"},
            {"https://a<b.example/", "the link's host name contains the character \"<\""},
            {"https://user@/", "the link has a user name but no host"},
            {"https://xn--a.example/", "the link's host name is not a valid domain name"},
        };
        for (String[] c : cases) {
            try {
                Url.parse(c[0]);
                fail(c[0] + " parsed");
            } catch (UrlException e) {
                assertEquals(c[0], c[1], e.getMessage());
            }
        }
        try {
            Url.parse(null);
            fail("null parsed");
        } catch (UrlException e) {
            assertEquals("the link is empty", e.getMessage());
        }
    }

    @Test
    public void aVeryLongInternationalHostIsRefusedWithAClearMessage() {
        UrlException e = org.junit.Assert.assertThrows(UrlException.class,
                () -> Url.parse("https://" + "\u00fc9".repeat(1500) + ".example/"));
        assertEquals("the link's host name is too long", e.getMessage());
        assertEquals("https://" + "a".repeat(3000) + ".example/", Url.parse("https://" + "a".repeat(3000) + ".example/").href());
    }

    @Test
    public void segmentsSkipEmptyOnes() {
        assertEquals(List.of("a", "b"), Url.parse("https://x.example//a//b/").segments());
        assertEquals(List.of(), Url.parse("https://x.example/").segments());
    }

    @Test
    public void wrappedTargetsAreHttpLinksOrNothing() {
        assertEquals("https://t.me/x", Url.httpLink(" https://t.me/x "));
        assertEquals("https://bad.example/a", Url.httpLink("bad.example/a"));
        for (String v : new String[] {null, "", "javascript:alert(1)", "tg://resolve?domain=x", "no-dot", "https://a b",
                "https://", "x".repeat(4001) + ".example"}) {
            org.junit.Assert.assertNull(v, Url.httpLink(v));
        }
    }

    @Test
    public void platformsDropTheirOwnParametersWithTracking() {
        assertEquals("v=1&keep=2", Tracking.clean("v=1&utm_source=x&S%49=3&keep=2&&fbclid=4", n -> n.equals("si")));
        assertEquals("id=1", Tracking.clean("id=1&sharer_time=9", n -> n.startsWith("sharer_")));
    }
}
