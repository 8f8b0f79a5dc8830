package org.laporpredator.links;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The Public Suffix List's own test file (publicsuffix.org test_psl.txt) against Domains.registrable. */
public class PslConformanceTest {

    /** Each non-comment line: checkPublicSuffix('input' or null, 'expected' or null); */
    static List<String[]> cases() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PslConformanceTest.class.getResourceAsStream("/conformance/psl-test_psl.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("//")) {
                    continue;
                }
                if (!line.startsWith("checkPublicSuffix(") || !line.endsWith(");")) {
                    throw new IllegalStateException("unexpected line: " + line);
                }
                String args = line.substring("checkPublicSuffix(".length(), line.length() - 2);
                int comma = args.indexOf(',', args.startsWith("'") ? args.indexOf('\'', 1) : 0);
                out.add(new String[] {literal(args.substring(0, comma)), literal(args.substring(comma + 1))});
            }
        }
        return out;
    }

    private static String literal(String s) {
        s = s.trim();
        if (s.equals("null")) {
            return null;
        }
        return s.substring(1, s.length() - 1);
    }

    @Test
    public void allCases() throws IOException {
        List<String[]> cases = cases();
        StringBuilder failures = new StringBuilder();
        for (String[] c : cases) {
            String expected = c[1] == null ? null : Url.serializeHost(c[1]);
            String actual = Domains.registrable(c[0]);
            if (expected == null ? actual != null : !expected.equals(actual)) {
                failures.append('\n').append(c[0]).append(": expected ").append(expected).append(", got ").append(actual);
            }
        }
        System.out.println("PSL conformance: " + cases.size() + " cases");
        assertEquals(78, cases.size());
        if (failures.length() > 0) {
            fail("PSL cases failing:" + failures);
        }
    }

    @Test
    public void publicSuffixes() {
        assertEquals("com", Domains.publicSuffix("www.example.com"));
        assertEquals("com.my", Domains.publicSuffix("shop.example.com.my"));
        assertEquals("example", Domains.publicSuffix("example.example"));
        assertEquals("com", Domains.publicSuffix("com"));
        assertEquals("xn--fiqs8s", Domains.publicSuffix("食狮.中国"));
        assertNull(Domains.publicSuffix("192.168.0.1"));
        assertNull(Domains.publicSuffix("[::1]"));
        assertNull(Domains.publicSuffix(""));
        assertNull(Domains.publicSuffix(null));
    }

    @Test
    public void registrableDomains() {
        assertEquals("example.com.my", Domains.registrable("www.example.com.my"));
        assertEquals("bad.example", Domains.registrable("WWW.Bad.Example."));
        assertEquals("xn--85x722f.xn--fiqs8s", Domains.registrable("www.食狮.中国"));
        assertEquals("xn--85x722f.xn--fiqs8s", Domains.registrable("www.xn--85x722f.xn--fiqs8s"));
        assertEquals("example.com", Domains.registrable("-odd-.example.com"));
        assertEquals("example.com", Domains.registrable("_dmarc.example.com"));
        assertNull(Domains.registrable("co.uk"));
        assertNull(Domains.registrable("1.2.3.4"));
        assertNull(Domains.registrable("0x7f.1"));
        assertNull(Domains.registrable("[2001:db8::1]"));
        assertNull(Domains.registrable("bad host"));
    }

    @Test
    public void privateSectionIsUsed() {
        assertEquals("someone.github.io", Domains.registrable("x.someone.github.io"));
        assertEquals("bad.blogspot.com", Domains.registrable("bad.blogspot.com"));
    }
}
