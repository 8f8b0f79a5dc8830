package org.laporpredator.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads what a plugin holds: the top-level features of a features repository, and a KAR (a zip whose
 * {@code repository/} folder is a Maven repository with one or more features repositories).
 */
final class FeatureFiles {

    /** At most this many bytes are unpacked from one KAR. */
    static final long MAX_KAR_BYTES = 200L * 1024 * 1024;
    private static final int MAX_ENTRIES = 10_000;

    record Feature(String name, String version) {
        String id() {
            return name + "/" + version;
        }
    }

    private FeatureFiles() {
    }

    /** Whether the file is a zip (a KAR) rather than XML. */
    static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    /** The features of a features repository, in file order; empty when it is XML of another kind. */
    static List<Feature> features(Path xml) throws IOException {
        Document doc;
        try (InputStream in = Files.newInputStream(xml)) {
            doc = parser().parse(in);
        } catch (SAXException e) {
            throw new IOException("not a features repository (" + e.getMessage() + ")", e);
        }
        Element root = doc.getDocumentElement();
        List<Feature> out = new ArrayList<>();
        if (!"features".equals(root.getLocalName())) {
            return out;
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "feature".equals(e.getLocalName())) {
                String version = e.getAttribute("version");
                out.add(new Feature(e.getAttribute("name"), version.isEmpty() ? "0.0.0" : version));
            }
        }
        return out;
    }

    /**
     * Unpacks a KAR's {@code repository/} folder into {@code dir} (a Maven repository Karaf's resolver
     * reads, as {@code kar:install} does) and returns the features repositories found in it.
     */
    static List<Path> unpackKar(Path kar, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(kar))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new IOException("the KAR holds more than " + MAX_ENTRIES + " files");
                }
                String name = e.getName().replace('\\', '/');
                if (e.isDirectory() || !name.startsWith("repository/")) {
                    continue;
                }
                Path target = root.resolve(name.substring("repository/".length())).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("the KAR holds a path outside its repository: " + name);
                }
                Files.createDirectories(target.getParent());
                try (var out = Files.newOutputStream(target)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int r; (r = zip.read(buf)) > 0;) {
                        total += r;
                        if (total > MAX_KAR_BYTES) {
                            throw new IOException("the KAR unpacks to more than " + MAX_KAR_BYTES / 1024 / 1024 + " MB");
                        }
                        out.write(buf, 0, r);
                    }
                }
            }
        }
        return repositories(root);
    }

    /** The features repositories (XML files whose root is {@code features}) under a folder, sorted. */
    static List<Path> repositories(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".xml")).sorted()::iterator) {
                try {
                    if (!features(p).isEmpty()) {
                        out.add(p);
                    }
                } catch (IOException e) {
                    // some other XML (a pom): not a features repository
                }
            }
        }
        return out;
    }

    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }
}
