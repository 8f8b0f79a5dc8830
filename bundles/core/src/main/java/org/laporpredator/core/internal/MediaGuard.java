package org.laporpredator.core.internal;

import java.text.Normalizer;
import java.util.regex.Pattern;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;

/**
 * Keeps media out of the platform: refuses {@code data:} URIs and runs of base64 or hex too long to be
 * words, in every text field of a submission, also when percent-encoded or written in full-width letters.
 * Pure and linear in the input.
 */
final class MediaGuard {

    static final String CODE = "media_not_accepted";

    /**
     * "data:" then a media type ({@code image/png}), or parameters ending in {@code ;base64}, or the comma
     * that starts the data: any of them makes it a data: URI, also when the rest was cut off at a comma.
     */
    private static final Pattern DATA_URI = Pattern.compile(
            "(?<![\\p{Alnum}+.\\-])data\\s*:\\s*(?:[\\w!#$&^.+\\-]+\\s*/\\s*[\\w!#$&^.+\\-]+"
                    + "|[^,\\s]*;\\s*base64\\b|(?:;[^,\\s]*)?\\s*,)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    /** A line of base64 wrapped at this length or more goes on across the line break. */
    private static final int WRAPPED_LINE = 40;
    private static final int MAX_DECODINGS = 3;

    private final int maxRun;

    /** @param maxRun the longest run of base64 or hex digits taken */
    MediaGuard(int maxRun) {
        this.maxRun = Math.max(16, maxRun);
    }

    /** @throws SubmissionRejected {@value #CODE} when any field carries media */
    void check(Submission s) {
        for (String url : s.urls()) {
            check(url);
        }
        check(s.description());
        check(s.contact());
        check(s.chatExport());
    }

    private void check(String text) {
        if (text != null && holdsMedia(text)) {
            throw new SubmissionRejected(CODE, "Images, videos and files cannot be sent here, not even written out as"
                    + " text (data: links or long encoded data). Please give the link of the page, post or chat"
                    + " where you saw the content instead.");
        }
    }

    /** True when the text, or its percent-decoded or NFKC-normalised form, carries a data: URI or encoded data. */
    boolean holdsMedia(String text) {
        String t = text;
        if (!isAscii(t)) {
            t = Normalizer.normalize(t, Normalizer.Form.NFKC);
        }
        for (int i = 0; ; i++) {
            if (carries(t)) {
                return true;
            }
            if (i == MAX_DECODINGS || t.indexOf('%') < 0) {
                return false;
            }
            String decoded = percentDecoded(t);
            if (decoded.equals(t)) {
                return false;
            }
            t = decoded;
        }
    }

    private boolean carries(String t) {
        return DATA_URI.matcher(t).find() || longestBase64Run(t) >= maxRun || longestHexBytes(t) >= maxRun;
    }

    /**
     * The longest run of base64 or base64url characters; padding ends a run, and a run goes on across a
     * line break after a line of {@value #WRAPPED_LINE} or more (MIME and PEM wrap at 64 or 76).
     */
    static int longestBase64Run(String t) {
        int longest = 0;
        int run = 0;
        int line = 0;
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (isBase64(c)) {
                run++;
                line++;
                longest = Math.max(longest, run);
            } else if ((c == '\n' || c == '\r') && line >= WRAPPED_LINE) {
                if (c == '\r' && i + 1 < n && t.charAt(i + 1) == '\n') {
                    i++;
                }
                line = 0;
            } else {
                if (c == '=') {
                    longest = Math.max(longest, run + 1);
                }
                run = 0;
                line = 0;
            }
        }
        return longest;
    }

    /**
     * The most hex digits in a run of two-digit bytes such as {@code 89 50 4e 47}, {@code 89:50:4e},
     * {@code \x89\x50} or {@code 0x89, 0x50}; contiguous hex counts as base64.
     */
    static int longestHexBytes(String t) {
        int longest = 0;
        int digits = 0;
        int n = t.length();
        int i = 0;
        while (i < n) {
            int p = i;
            if (p + 1 < n && (t.charAt(p) == '\\' || t.charAt(p) == '0') && (t.charAt(p + 1) == 'x' || t.charAt(p + 1) == 'X')) {
                p += 2;
            }
            boolean starts = digits > 0 || p == i && (i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1))) || p > i;
            if (starts && p + 1 < n && isHex(t.charAt(p)) && isHex(t.charAt(p + 1))
                    && (p + 2 >= n || !Character.isLetterOrDigit(t.charAt(p + 2)))) {
                digits += 2;
                longest = Math.max(longest, digits);
                i = p + 2;
                // at most two separator characters between bytes: ", " or ":" or a line break
                int s = 0;
                while (i < n && s < 2 && isHexSeparator(t.charAt(i))) {
                    i++;
                    s++;
                }
                continue;
            }
            digits = 0;
            i++;
        }
        return longest;
    }

    /** %XX decoded to the character of that byte value; enough to find data: and base64 written with %2B, %2F, %3D. */
    static String percentDecoded(String t) {
        StringBuilder out = new StringBuilder(t.length());
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c == '%' && i + 2 < n && isHex(t.charAt(i + 1)) && isHex(t.charAt(i + 2))) {
                out.append((char) Integer.parseInt(t.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                || c == '-' || c == '_';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isHexSeparator(char c) {
        return c == ' ' || c == ',' || c == ':' || c == '-' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean isAscii(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
