package org.laporpredator.spi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import org.junit.Test;

public class LinkTest {

    @Test
    public void splitsParts() {
        Link link = Link.parse("HTTPS://User@WWW.Example.COM:443/a/b?x=1&y=%20z#frag");
        assertEquals("https", link.scheme());
        assertEquals("User", link.userInfo());
        assertEquals("www.example.com", link.host());
        assertEquals(-1, link.port());
        assertEquals("/a/b", link.path());
        assertEquals("x=1&y=%20z", link.query());
        assertEquals("frag", link.fragment());
        assertEquals(" z", link.queryParameters().get(1).getValue());
        assertEquals("https://www.example.com/a/b?x=1&y=%20z", link.withoutFragment());
    }

    @Test
    public void unicodeAndPunycodeHostsAreOne() {
        assertEquals(Link.parse("http://bücher.example/").host(), Link.parse("http://xn--bcher-kva.example/").host());
        assertEquals("xn--bcher-kva.example", Link.parse("http://BÜCHER.example").host());
    }

    @Test
    public void lookalikeUserInfoIsNotTheHost() {
        assertEquals("evil.example", Link.parse("https://facebook.com@evil.example/x").host());
    }

    @Test
    public void keepsOtherPortsAndEmptyPath() {
        Link link = Link.parse("http://example.com:8080");
        assertEquals(8080, link.port());
        assertEquals("/", link.path());
        assertNull(link.query());
        assertEquals("http://example.com:8080/", link.withoutFragment());
    }

    @Test
    public void rejectsBadInput() {
        for (String bad : new String[] {"", " ", "example.com", "http:example.com", "http://", "http://exa mple.com",
                "http://a\u0000b.com", "http://example.com:99999/", "http://ex..ample/", "http://[zz]/", "1http://x.com"}) {
            try {
                Link.parse(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                // fine
            }
        }
    }
}
