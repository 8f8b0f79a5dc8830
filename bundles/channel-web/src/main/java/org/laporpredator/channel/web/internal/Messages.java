package org.laporpredator.channel.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The reporter-facing texts of one language, from {@code messages_<lang>.properties} (UTF-8). */
final class Messages {

    static final String MS = "ms";
    static final String EN = "en";
    static final String ZH = "zh";
    static final String TA = "ta";

    /** Every page language, in the order of the language switch. */
    static final List<String> LANGUAGES = List.of(MS, EN, ZH, TA);

    /** Each language's name in its own script, for the language switch. */
    static final Map<String, String> NAMES = Map.of(MS, "Bahasa Malaysia", EN, "English", ZH, "中文", TA, "தமிழ்");

    private static final Map<String, Properties> BUNDLES = loadAll();

    private final String lang;
    private final Properties texts;

    private Messages(String lang) {
        this.lang = lang;
        this.texts = BUNDLES.get(lang);
    }

    /** The texts of a language; an unsupported one gives {@code ms}. */
    static Messages of(String lang) {
        return new Messages(isSupported(lang) ? lang : MS);
    }

    static boolean isSupported(String lang) {
        return lang != null && LANGUAGES.contains(lang);
    }

    /** The page language: {@code ?lang=} if supported, else the cookie, else {@code ms}. */
    static String choose(String query, String cookie) {
        String q = query == null ? null : query.trim().toLowerCase(Locale.ROOT);
        if (isSupported(q)) {
            return q;
        }
        String c = cookie == null ? null : cookie.trim().toLowerCase(Locale.ROOT);
        return isSupported(c) ? c : MS;
    }

    String lang() {
        return lang;
    }


    Locale locale() {
        return Locale.forLanguageTag(lang);
    }

    boolean has(String key) {
        return texts.containsKey(key);
    }

    /** A text with {0}, {1}... replaced; a missing key shows as {@code ??key??}. */
    String get(String key, Object... args) {
        String text = texts.getProperty(key);
        if (text == null) {
            return "??" + key + "??";
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** The text of an error code (with its field), or the fallback when this code has none. */
    String error(String code, String field, String fallback) {
        String key = "error." + code;
        if (has(key)) {
            return get(key, field == null ? "" : field);
        }
        return fallback != null && !fallback.isBlank() ? fallback : get("error.internal_error");
    }

    String error(String code) {
        return error(code, null, null);
    }

    /** The keys of a language's bundle (for tests). */
    static Set<String> keys(String lang) {
        Set<String> keys = new HashSet<>();
        for (Object k : BUNDLES.get(lang).keySet()) {
            keys.add((String) k);
        }
        return keys;
    }

    private static Map<String, Properties> loadAll() {
        Map<String, Properties> all = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            all.put(lang, load(lang));
        }
        return Map.copyOf(all);
    }

    private static Properties load(String lang) {
        Properties p = new Properties();
        String name = "messages_" + lang + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
