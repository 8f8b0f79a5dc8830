package org.laporpredator.parser.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;

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
