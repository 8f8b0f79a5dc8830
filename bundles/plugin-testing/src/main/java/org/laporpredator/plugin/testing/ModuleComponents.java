package org.laporpredator.plugin.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.laporpredator.spi.Modules;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks the component description bnd generated from a module's DS annotations
 * ({@code OSGI-INF/<component class name>.xml}, found on the test class path, i.e. in {@code target/classes}),
 * the description the platform's module registry reads: it must carry {@code lapor.module.id},
 * {@code lapor.module.kind} and {@code lapor.module.name}.
 *
 * <pre>{@code
 * Map<String, Object> p = ModuleComponents.assertModule(LineParser.class, Modules.PARSER);
 * assertEquals("LINE", p.get(Modules.PLATFORM));
 * }</pre>
 */
public final class ModuleComponents {

    private ModuleComponents() {
    }

    /**
     * Asserts the component of this class is a module of this kind ({@code channel}, {@code parser},
     * {@code notifier}), and returns its properties: a single value as its type says ({@code String},
     * {@code Integer}, {@code Long}, {@code Boolean}...), several values as a {@code List}.
     */
    public static Map<String, Object> assertModule(Class<?> component, String kind) {
        Element root = read(component);
        Element implementation = first(root, "implementation");
        assertNotNull("no <implementation> in the description of " + component.getName(), implementation);
        assertEquals("the description's implementation class", component.getName(),
                implementation.getAttribute("class"));
        Map<String, Object> properties = properties(root);
        String where = " in OSGI-INF/" + component.getName() + ".xml: give the @Component property = {...}";
        assertText(properties, Modules.ID, where);
        assertText(properties, Modules.NAME, where);
        assertEquals(Modules.KIND + where, kind, properties.get(Modules.KIND));
        return properties;
    }

    private static void assertText(Map<String, Object> properties, String name, String where) {
        Object v = properties.get(name);
        assertTrue("no " + name + where, v instanceof String s && !s.isBlank());
    }

    private static Element read(Class<?> component) {
        String resource = "OSGI-INF/" + component.getName() + ".xml";
        try (InputStream in = open(component, resource)) {
            if (in == null) {
                fail("no " + resource + " on the class path: is the class a @Component, and does the build run "
                        + "bnd-maven-plugin (bnd-process) before the tests?");
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = f.newDocumentBuilder();
            Document doc = builder.parse(in);
            return doc.getDocumentElement();
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new AssertionError("cannot read " + resource + ": " + e, e);
        }
    }

    private static InputStream open(Class<?> component, String resource) throws IOException {
        ClassLoader loader = component.getClassLoader();
        URL url = loader == null ? null : loader.getResource(resource);
        if (url != null) {
            return url.openStream();
        }
        Path file = Path.of("target", "classes", resource);
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
    }

    private static Map<String, Object> properties(Element root) {
        Map<String, Object> out = new LinkedHashMap<>();
        NodeList nodes = root.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && "property".equals(local(e))) {
                String type = e.getAttribute("type").isEmpty() ? "String" : e.getAttribute("type");
                if (e.hasAttribute("value")) {
                    out.put(e.getAttribute("name"), typed(type, e.getAttribute("value")));
                } else {
                    List<Object> values = new ArrayList<>();
                    for (String line : e.getTextContent().split("\n")) {
                        if (!line.strip().isEmpty()) {
                            values.add(typed(type, line.strip()));
                        }
                    }
                    out.put(e.getAttribute("name"), List.copyOf(values));
                }
            }
        }
        return out;
    }

    private static Object typed(String type, String value) {
        return switch (type) {
            case "Integer" -> Integer.valueOf(value);
            case "Long" -> Long.valueOf(value);
            case "Boolean" -> Boolean.valueOf(value);
            case "Double" -> Double.valueOf(value);
            case "Float" -> Float.valueOf(value);
            case "Short" -> Short.valueOf(value);
            case "Byte" -> Byte.valueOf(value);
            case "Character" -> value.isEmpty() ? null : Character.valueOf((char) Integer.parseInt(value));
            default -> value;
        };
    }

    private static Element first(Element root, String name) {
        NodeList nodes = root.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(local(e))) {
                return e;
            }
        }
        return null;
    }

    private static String local(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }
}
