package org.laporpredator.parser.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;

public class WebsiteParserTest {

    private final WebsiteParser parser = new WebsiteParser();

    private ParsedItem parse(String url) {
        return parser.parse(Url.parse(url)).orElseThrow();
    }

    @Test
    public void canonicalForm() {
        ParsedItem item = parse("HTTPS://Bad.Example:443/a/./b/../c?utm_source=x&id=7&fbclid=abc#top");
        assertEquals("WEBSITE", item.platform());
        assertEquals("WEB_PAGE", item.kind());
        assertEquals("https://bad.example/a/c?id=7", item.canonicalUrl());
        assertEquals("bad.example", item.identifiers().get("host"));
        assertEquals("bad.example", item.identifiers().get("registrableDomain"));
    }

    @Test
    public void registrableDomain() {
        assertEquals("contoh.com.my", parse("https://www.shop.contoh.com.my/a").identifiers().get("registrableDomain"));
        assertEquals("www.shop.contoh.com.my", parse("https://www.shop.contoh.com.my/a").identifiers().get("host"));
        assertEquals("bad.blogspot.com", parse("https://bad.blogspot.com/2024/01/x.html").identifiers().get("registrableDomain"));
        assertEquals("evil.example", parse("https://facebook.com@www.evil.example/p").identifiers().get("registrableDomain"));
        assertNull(parse("http://203.0.113.7/x").identifiers().get("registrableDomain"));
        assertNull(parse("http://[2001:db8::1]/x").identifiers().get("registrableDomain"));
        assertEquals("203.0.113.7", parse("http://0xcb.0.113.7/x").identifiers().get("host"));
    }

    @Test
    public void unicodeAndPunycodeHostsAreOneItem() {
        ParsedItem unicode = parse("https://bücher.example/a?id=1");
        assertEquals("xn--bcher-kva.example", unicode.identifiers().get("host"));
        assertEquals("xn--bcher-kva.example", unicode.identifiers().get("registrableDomain"));
        assertEquals("https://xn--bcher-kva.example/a?id=1", unicode.canonicalUrl());
        assertEquals(unicode.dedupKey(), parse("https://xn--bcher-kva.example/a?id=1").dedupKey());
        assertEquals(unicode.dedupKey(), parse("https://BÜCHER.example/a?id=1").dedupKey());
        assertEquals(unicode.dedupKey(), parse("https://b%C3%BCcher.example/a?id=1").dedupKey());
        assertEquals(unicode.dedupKey(), parse("http://XN--BCHER-KVA.EXAMPLE/a?id=1&utm_source=x").dedupKey());
        assertEquals("xn--85x722f.xn--fiqs8s", parse("https://www.食狮.中国/").identifiers().get("registrableDomain"));
    }

    @Test
    public void encodedDotSegmentsAreResolved() {
        assertEquals(parse("https://bad.example/a/c").dedupKey(), parse("https://bad.example/a/b/%2e%2E/c").dedupKey());
        assertEquals("https://bad.example/a/c/", parse("https://bad.example/a/b/%2e%2E/c/%2e").canonicalUrl());
    }

    @Test
    public void shapesOfOnePageShareAKey() {
        String key = parse("https://bad.example/a?id=7").dedupKey();
        assertEquals(key, parse("http://BAD.example/a?id=7&utm_medium=social").dedupKey());
        assertEquals(key, parse("https://bad.example:443/x/../a?id=7#frag").dedupKey());
    }

    @Test
    public void differentPagesDoNotMerge() {
        String key = parse("https://bad.example/a?id=7").dedupKey();
        assertNotEquals(key, parse("https://bad.example/a?id=8").dedupKey());
        assertNotEquals(key, parse("https://bad.example/A?id=7").dedupKey());
        assertNotEquals(key, parse("https://bad.example:8443/a?id=7").dedupKey());
        assertNotEquals(key, parse("https://other.example/a?id=7").dedupKey());
    }

    @Test
    public void lookalikeIsTheRealHost() {
        assertEquals("evil.example", parse("https://facebook.com@evil.example/p").identifiers().get("host"));
        assertEquals("facebook.com.evil.example", parse("https://facebook.com.evil.example/p").identifiers().get("host"));
    }

    @Test
    public void otherSchemesAreNotWebPages() {
        assertFalse(parser.parse(Url.parse("tg://resolve?domain=x")).isPresent());
    }
}
