package org.laporpredator.status.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The status API's error messages in ms, en, zh and ta, from {@code texts_<lang>.properties} (UTF-8). */
final class ErrorTexts {

    static final List<String> LANGUAGES = List.of("ms", "en", "zh", "ta");
    private static final Map<String, Properties> TEXTS = loadAll();

    private ErrorTexts() {
    }

    /** A message with {0} replaced; an unknown language gives English. */
    static String text(String lang, String key, Object... args) {
        Properties p = TEXTS.getOrDefault(lang, TEXTS.get("en"));
        String text = p.getProperty(key, key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** The keys of a language (for tests). */
    static Set<String> keys(String lang) {
        return TEXTS.get(lang).stringPropertyNames();
    }

    private static Map<String, Properties> loadAll() {
        Map<String, Properties> all = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            Properties p = new Properties();
            String name = "texts_" + lang + ".properties";
            try (InputStream in = ErrorTexts.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + name);
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            all.put(lang, p);
        }
        return Map.copyOf(all);
    }
}
