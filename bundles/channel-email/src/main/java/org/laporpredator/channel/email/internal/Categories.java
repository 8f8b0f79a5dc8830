package org.laporpredator.channel.email.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.laporpredator.api.Category;

/** A message's category from the words it uses, in Malay and English. */
final class Categories {

    private static final Map<Category, List<String>> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put(Category.CSAM, List.of("csam", "child sexual abuse material", "child abuse material", "child porn",
                "child pornography", "bahan penderaan seksual kanak-kanak", "penderaan seksual kanak-kanak",
                "pornografi kanak-kanak", "gambar lucah kanak-kanak", "video lucah kanak-kanak"));
        WORDS.put(Category.GROOMING, List.of("grooming", "groomer", "groomed", "dandanan seksual", "memikat kanak-kanak",
                "eksploitasi dalam talian"));
        WORDS.put(Category.SEXTORTION, List.of("sextortion", "sexual extortion", "ugutan seks", "ugutan seksual",
                "peras ugut", "diugut", "blackmail", "blackmailed"));
    }

    private static final Pattern ANY;

    static {
        StringBuilder b = new StringBuilder("(?<![\\p{L}\\p{N}])(");
        boolean first = true;
        for (List<String> words : WORDS.values()) {
            for (String w : words) {
                b.append(first ? "" : "|").append(Pattern.quote(w));
                first = false;
            }
        }
        ANY = Pattern.compile(b.append(")(?![\\p{L}\\p{N}])").toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private Categories() {
    }

    /** The subject's category, else the first the text names, else OTHER. */
    static Category of(String subject, String text) {
        Category c = first(subject);
        if (c == null) {
            c = first(text);
        }
        return c == null ? Category.OTHER : c;
    }

    private static Category first(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        // a phrase may be wrapped over lines or spaced twice
        Matcher m = ANY.matcher(s.replaceAll("\\s+", " "));
        if (!m.find()) {
            return null;
        }
        String found = m.group(1).toLowerCase(Locale.ROOT);
        for (Map.Entry<Category, List<String>> e : WORDS.entrySet()) {
            if (e.getValue().contains(found)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The subject asks that the sender's address not be kept. */
    static boolean anonymous(String subject) {
        if (subject == null) {
            return false;
        }
        String s = subject.toLowerCase(Locale.ROOT);
        return s.contains("anonymous") || s.contains("anonim") || s.contains("tanpa nama");
    }
}
