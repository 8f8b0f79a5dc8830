package ${package};

import static org.junit.Assert.assertEquals;

import java.util.Map;
import org.junit.Test;
import org.laporpredator.plugin.testing.ModuleComponents;
import org.laporpredator.plugin.testing.ParserChecks;
import org.laporpredator.spi.Kinds;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;

public class ParserTest {

    private final ParserChecks checks = new ParserChecks(new Parser());

    @Test
    public void profiles() {
        ParsedItem item = checks.assertItem("https://www.example.com/@Alice?utm_source=share", Kinds.PROFILE,
                "https://example.com/@alice");
        assertEquals("${platform}", item.platform());
        assertEquals(Map.of("handle", "alice"), item.identifiers());
        checks.assertSameItem("https://example.com/@alice", "example.com/u/ALICE", "http://m.example.com/@alice/",
                "hxxps://example[.]com/@alice#top");
    }

    @Test
    public void postsGroupsAndVideos() {
        checks.assertItem("https://example.com/p/Ab12", Kinds.POST, "https://example.com/p/Ab12");
        checks.assertItem("https://example.com/g/team-7?ref=x", Kinds.GROUP, "https://example.com/g/team-7");
        checks.assertItem("https://example.com/watch?v=Zz9&t=10", Kinds.VIDEO, "https://example.com/v/Zz9");
        checks.assertSameItem("https://example.com/v/Zz9", "https://www.example.com/watch?v=Zz9");
    }

    @Test
    public void anythingElseOnItsHostsIsAWebPage() {
        checks.assertItem("https://help.example.com/safety?fbclid=abc#s", Kinds.WEB_PAGE,
                "https://help.example.com/safety");
        checks.assertItem("https://example.com/", Kinds.WEB_PAGE, "https://example.com/");
    }

    @Test
    public void lookalikesAreNotItsLinks() {
        checks.assertNotClaimed("https://example.com.evil.test/@alice", "https://notexample.com/p/1",
                "https://example.org/@alice", "ftp://example.com/p/1");
    }

    @Test
    public void otherDomainsWhenConfigured() {
        ParserChecks other = new ParserChecks(new Parser("example.net, example.com"));
        other.assertItem("https://example.com/@bob", Kinds.PROFILE, "https://example.net/@bob");
        other.assertNotClaimed("https://example.org/@bob");
    }

    @Test
    public void neverThrowsOnMangledLinks() {
        checks.assertNeverThrows(42L, 5_000, "https://example.com/@alice", "https://www.example.com/watch?v=Zz9",
                "https://example.com/p/Ab12", "https://help.example.com/a/b?c=d");
    }

    @Test
    public void isAModuleForItsPlatform() {
        Map<String, Object> p = ModuleComponents.assertModule(Parser.class, Modules.PARSER);
        assertEquals("${moduleId}", p.get(Modules.ID));
        assertEquals("${platform}", p.get(Modules.PLATFORM));
    }
}
