package org.laporpredator.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small plugins made by the tests: a bundle in a feature in a KAR, as karaf-maven-plugin lays them out. */
final class TestKars {

    static final String GROUP = "org.laporpredator.testplugins";

    private TestKars() {
    }

    /** A KAR whose bundle imports a package nothing exports. */
    static Path unresolvable(Path dir) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Import-Package", "org.nowhere.missing;version=\"[1,2)\"");
        return kar(dir, "unresolvable-plugin", "1.0.0", headers, Map.of());
    }

    /** A KAR whose module component (notifier-throwing) throws in activate. */
    static Path throwing(Path dir) throws IOException {
        String cls = "org/laporpredator/itests/plugins/ThrowingComponent.class";
        byte[] bytes;
        try (InputStream in = TestKars.class.getResourceAsStream("/" + cls)) {
            bytes = in.readAllBytes();
        }
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="throwing.notifier" immediate="true" activate="activate">
                  <implementation class="org.laporpredator.itests.plugins.ThrowingComponent"/>
                  <property name="lapor.module.id" value="notifier-throwing"/>
                  <property name="lapor.module.kind" value="notifier"/>
                  <property name="lapor.module.name" value="A notifier that throws on activation"/>
                </scr:component>
                """;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(cls, bytes);
        entries.put("OSGI-INF/throwing.xml", xml.getBytes(StandardCharsets.UTF_8));
        return kar(dir, "throwing-plugin", "1.0.0", Map.of("Service-Component", "OSGI-INF/throwing.xml"), entries);
    }

    static Path kar(Path dir, String name, String version, Map<String, String> headers, Map<String, byte[]> entries)
            throws IOException {
        String base = "repository/" + GROUP.replace('.', '/') + "/" + name + "/" + version + "/" + name + "-" + version;
        String features = """
                <?xml version="1.0" encoding="UTF-8"?>
                <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0" name="%1$s-%2$s">
                  <feature name="%1$s" version="%2$s" description="A test plugin">
                    <bundle>mvn:%3$s/%1$s/%2$s</bundle>
                  </feature>
                </features>
                """.formatted(name, version, GROUP);
        Path kar = dir.resolve(name + "-" + version + ".kar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(kar))) {
            put(zip, base + ".jar", bundle(GROUP + "." + name, version, headers, entries));
            put(zip, base + "-features.xml", features.getBytes(StandardCharsets.UTF_8));
        }
        return kar;
    }

    private static byte[] bundle(String symbolicName, String version, Map<String, String> headers, Map<String, byte[]> entries)
            throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        headers.forEach(a::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream out = zip;
        out.write(bytes);
        zip.closeEntry();
    }
}
