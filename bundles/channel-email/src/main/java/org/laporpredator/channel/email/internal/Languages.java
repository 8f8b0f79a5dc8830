package org.laporpredator.channel.email.internal;

import java.util.Locale;
import java.util.Set;

/** Malay unless the message clearly reads as English. */
final class Languages {

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
}
