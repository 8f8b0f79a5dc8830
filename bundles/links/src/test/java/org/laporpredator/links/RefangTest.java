package org.laporpredator.links;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.junit.Test;

public class RefangTest {

    @Test
    public void refangs() {
        assertEquals("https://t.me/x", Refang.refang("hxxps://t[.]me/x"));
        assertEquals("http://bad.example/a", Refang.refang("hXXp[:]//bad(.)example[/]a"));
        assertEquals("https://bad.example/", Refang.refang("h**ps://bad{.}example/"));
        assertEquals("bad.site bad.site bad.site", Refang.refang("bad[dot]site bad(DOT)site bad{dot}site"));
        assertEquals("http://bad.example/", Refang.refang("http[:]//bad[.]example/"));
    }

    @Test
    public void leavesOtherTextAlone() {
        String s = "https://en.wikipedia.org/wiki/Foo_(bar)?a[0]=1";
        assertSame(s, Refang.refang(s));
        assertEquals("hxxp", Refang.refang("hxxp"));
        assertEquals("say hxxp://x", Refang.refang("say hxxp://x"));
        assertEquals("[", Refang.refang("["));
        assertEquals("(.", Refang.refang("(."));
    }
}
