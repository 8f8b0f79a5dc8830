package org.laporpredator.mail.partner;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class DefangTest {

    @Test
    public void linksCannotBeClicked() {
        assertEquals("hxxps://t[.]me/some_channel", Defang.url("https://t.me/some_channel"));
        assertEquals("hxxp://bad[.]example/a.html?q=x.y#z.w", Defang.url("http://bad.example/a.html?q=x.y#z.w"));
        assertEquals("the host's dots only", "hxxps://bad[.]example?x.y", Defang.url("https://bad.example?x.y"));
        assertEquals("hxxps://bad[.]example/a?q={x|y}", Defang.url("HTTPS://bad.example/a?q={x|y}"));
        assertEquals("ftp://a[.]b[.]c/d.e", Defang.url("ftp://a.b.c/d.e"));
        assertEquals("mailto[:]x@y.z", Defang.url("mailto:x@y.z"));
        assertEquals("nourl[.]example", Defang.url("nourl.example"));
        assertEquals(":x[.]y", Defang.url(":x.y"));
        assertEquals("(none)", Defang.url(null));
    }

    @Test
    public void identifierValues() {
        assertEquals("t[.]me", Defang.value("t.me"));
        assertEquals("hxxp://h[.]example/p", Defang.value("http://h.example/p"));
        assertEquals("+60123456789", Defang.value("+60123456789"));
        assertEquals("", Defang.value(null));
    }
}
