package org.laporpredator.channel.email.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chinese when Han characters outweigh the Latin letters, Tamil when Tamil letters (U+0B80 to U+0BFF) do;
 * otherwise Malay unless the message clearly reads as English.
 */
final class Languages {

    /** The languages a reply can be in. */
    static final List<String> ALL = List.of("ms", "en", "zh", "ta");

    private static final Set<String> EN = Set.of("the", "and", "is", "are", "this", "that", "my", "to", "of", "with",
            "please", "for", "have", "has", "was", "he", "she", "they", "you", "i", "me", "it", "on", "in", "from",
            "child", "children", "account", "group", "help", "thank", "thanks", "hello", "dear", "who", "what");
    private static final Set<String> MS = Set.of("dan", "yang", "ini", "itu", "saya", "untuk", "dengan", "tidak",
            "ada", "di", "ke", "dari", "sila", "terima", "kasih", "kanak-kanak", "anak", "kami", "mereka", "dia",
            "akaun", "kumpulan", "tolong", "salam", "tuan", "puan", "sudah", "telah", "boleh", "mahu", "pada", "juga");

    private Languages() {
    }

    static String of(String subject, String text) {
        int en = 0;
        int ms = 0;
        String all = ((subject == null ? "" : subject) + " " + (text == null ? "" : text)).toLowerCase(Locale.ROOT)
                .replaceAll("\\S*(?:://|www\\.|\\.me/|\\.com/|@)\\S*", " "); // links' and addresses' pieces are no words
        String script = script(all);
        if (script != null) {
            return script;
        }
        int counted = 0;
        for (String w : all.split("[^\\p{L}-]+")) {
            if (EN.contains(w)) {
                en++;
            } else if (MS.contains(w)) {
                ms++;
            }
            if (++counted > 5000) {
                break;
            }
        }
        return en >= 3 && en > 2 * ms ? "en" : "ms";
    }

    /** zh or ta when the text is mostly in that script (a Han character counts as three letters), else null. */
    private static String script(String text) {
        int han = 0;
        int tamil = 0;
        int latin = 0;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < 50_000; seen++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x0B80 && c <= 0x0BFF) {
                tamil++;
            } else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han++;
            } else if (Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        if (tamil >= 3 && tamil >= latin && tamil >= 3 * han) {
            return "ta";
        }
        if (han >= 2 && 3 * han >= latin) {
            return "zh";
        }
        return null;
    }
}
