package org.laporpredator.plugin.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The descriptions read here are in src/test/resources/OSGI-INF, written as bnd writes them. */
public class ModuleComponentsTest {

    /** Described as a parser module. */
    public static class ExampleParserComponent {
    }

    /** Described without lapor.module.name. */
    public static class NamelessComponent {
    }

    /** Not described at all. */
    public static class NotAComponent {
    }

    private static void fails(String expected, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
            return;
        }
        fail("the check passed; expected it to fail with \"" + expected + "\"");
    }

    @Test
    public void readsTheModulePropertiesWithTheirTypes() {
        Map<String, Object> p = ModuleComponents.assertModule(ExampleParserComponent.class, "parser");
        assertEquals("parser-example", p.get("lapor.module.id"));
        assertEquals("parser", p.get("lapor.module.kind"));
        assertEquals("Example parser", p.get("lapor.module.name"));
        assertEquals("EXAMPLE", p.get("lapor.platform"));
        assertEquals(10, p.get("service.ranking"));
        assertEquals(List.of("a", "b"), p.get("tags"));
    }

    @Test
    public void failsOnAnotherKind() {
        fails("lapor.module.kind", () -> ModuleComponents.assertModule(ExampleParserComponent.class, "notifier"));
    }

    @Test
    public void failsWithoutAName() {
        fails("no lapor.module.name", () -> ModuleComponents.assertModule(NamelessComponent.class, "notifier"));
    }

    @Test
    public void failsWithoutADescription() {
        fails("no OSGI-INF/" + NotAComponent.class.getName() + ".xml",
                () -> ModuleComponents.assertModule(NotAComponent.class, "parser"));
    }

    @Test
    public void failsWhenTheDescriptionIsOfAnotherClass() {
        fails("implementation class", () -> ModuleComponents.assertModule(ModuleComponentsTest.class, "parser"));
    }
}
