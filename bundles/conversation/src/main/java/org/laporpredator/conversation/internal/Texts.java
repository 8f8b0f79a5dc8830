package org.laporpredator.conversation.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.laporpredator.conversation.Conversation;

/**
 * The conversation's texts, {@code conversation_<language>.properties} (UTF-8): data reviewed for tone, not
 * code. {@code {0}}, {@code {1}} ... are replaced as they are (no MessageFormat: apostrophes stay as typed).
 * Keys ending in {@code .words} hold what a reporter may type instead of pressing a button, separated by
 * {@code |}; they are understood in every language.
 */
final class Texts {

    static final String BASE = "org.laporpredator.conversation.internal.conversation";
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern END_PUNCTUATION = Pattern.compile("[.!?。！？]+$");

    private final Map<String, ResourceBundle> bundles = new HashMap<>();
    /** The words of a key in every language, normalised once: the bundles never change. */
    private final Map<String, Set<String>> words = new ConcurrentHashMap<>();

    Texts() {
        for (String language : Conversation.LANGUAGES) {
            bundles.put(language, ResourceBundle.getBundle(BASE, Locale.forLanguageTag(language), Texts.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    String get(String language, String key, Object... args) {
        ResourceBundle b = bundles.getOrDefault(language, bundles.get("ms"));
        String text = b.getString(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    boolean has(String language, String key) {
        return bundles.getOrDefault(language, bundles.get("ms")).containsKey(key);
    }

    /** Whether the typed text is one of the words of the key, in any language. */
    boolean means(String typed, String key) {
        String t = normal(typed);
        if (t.isEmpty()) {
            return false;
        }
        return words(key).contains(t);
    }

    Set<String> words(String key) {
        return words.computeIfAbsent(key, this::collect);
    }

    private Set<String> collect(String key) {
        Set<String> all = new HashSet<>();
        for (ResourceBundle b : bundles.values()) {
            if (b.containsKey(key)) {
                for (String w : b.getString(key).split("\\|")) {
                    String n = normal(w);
                    if (!n.isEmpty()) {
                        all.add(n);
                    }
                }
            }
        }
        return Set.copyOf(all);
    }

    /** Lower case, outer spaces and end punctuation gone, inner spaces single. */
    static String normal(String s) {
        if (s == null) {
            return "";
        }
        String t = SPACES.matcher(s.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
        return END_PUNCTUATION.matcher(t).replaceAll("").strip();
    }
}
