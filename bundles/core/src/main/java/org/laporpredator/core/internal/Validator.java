package org.laporpredator.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;
import org.laporpredator.links.Refang;
import org.laporpredator.links.Url;
import org.laporpredator.links.UrlException;

/** Checks a submission against the limits and turns its URLs into links. Pure. */
final class Validator {

    private final int maxUrls;
    private final int maxUrlLength;
    private final int maxDescriptionLength;
    private final int maxContactLength;

    Validator(int maxUrls, int maxUrlLength, int maxDescriptionLength, int maxContactLength) {
        this.maxUrls = maxUrls;
        this.maxUrlLength = maxUrlLength;
        this.maxDescriptionLength = maxDescriptionLength;
        this.maxContactLength = maxContactLength;
    }

    static Validator of(CoreConfig config) {
        return new Validator(config.maxUrls(), config.maxUrlLength(), config.maxDescriptionLength(), config.maxContactLength());
    }

    /** A link and what the reporter typed for it. */
    record Candidate(String input, Url url) {
    }

    /**
     * @param claimedScheme true for a non-http(s) scheme some parser takes
     * @throws SubmissionRejected naming the first problem
     */
    /** The reporters' languages: Bahasa Malaysia, English, Chinese (Simplified), Tamil. */
    static final List<String> LANGUAGES = List.of("ms", "en", "zh", "ta");

    List<Candidate> validate(Submission s, Predicate<String> claimedScheme) {
        if (s.category() == null) {
            throw new SubmissionRejected("missing_category", "Please choose a category.");
        }
        if (s.language() != null && !LANGUAGES.contains(s.language())) {
            throw new SubmissionRejected("unsupported_language", "Language must be 'ms', 'en', 'zh' or 'ta'.");
        }
        checkText("description", s.description(), maxDescriptionLength, "description_too_long");
        if (!s.anonymous()) {
            checkText("contact", s.contact(), maxContactLength, "contact_too_long");
        }
        List<String> inputs = new ArrayList<>();
        for (String url : s.urls()) {
            if (url != null && !url.isBlank()) {
                inputs.add(url.strip());
            }
        }
        if (inputs.isEmpty() && isBlank(s.description()) && isBlank(s.chatExport())) {
            throw noLinks();
        }
        if (inputs.size() > maxUrls) {
            throw new SubmissionRejected("too_many_urls",
                    "A report can hold at most " + maxUrls + " links; you gave " + inputs.size() + ". Please split it.");
        }
        List<Candidate> out = new ArrayList<>(inputs.size());
        for (String input : inputs) {
            out.add(new Candidate(input, toLink(input, claimedScheme)));
        }
        return out;
    }

    /** The link in a text found in a description or chat, or null when it is not one we take. */
    Url found(String text, Predicate<String> claimedScheme) {
        try {
            return toLink(text, claimedScheme);
        } catch (SubmissionRejected e) {
            return null;
        }
    }

    private Url toLink(String input, Predicate<String> claimedScheme) {
        if (input.length() > maxUrlLength) {
            throw new SubmissionRejected("invalid_url", "A link is longer than " + maxUrlLength + " characters.");
        }
        if (hasControl(input, false)) {
            throw new SubmissionRejected("control_characters", "A link contains control characters.");
        }
        String text = Refang.refang(input);
        if (hasScheme(text)) {
            String scheme = text.substring(0, text.indexOf(':')).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !claimedScheme.test(scheme)) {
                throw new SubmissionRejected("unsupported_scheme",
                        "Only http:// and https:// links can be reported; '" + shorten(input) + "' uses " + scheme + ":.");
            }
        } else {
            text = "https://" + text;
        }
        Url link;
        try {
            link = Url.parse(text);
        } catch (UrlException e) {
            throw new SubmissionRejected("invalid_url", "'" + shorten(input) + "' is not a link we can read: " + e.getMessage() + ".");
        }
        return link;
    }

    /** What follows the colon of host:port in a link without a scheme, such as localhost:8080/x. */
    private static final Pattern PORT_AND_PATH = Pattern.compile("\\d+(/.*)?");

    /** A scheme is letters before ':' and '//', or a known scheme such as tg: without a dot before the colon. */
    private static boolean hasScheme(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String head = s.substring(0, colon);
        if (head.contains(".") || head.contains("/")) {
            return false;
        }
        return head.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-')
                && !PORT_AND_PATH.matcher(s).region(colon + 1, s.length()).matches();
    }

    private static void checkText(String field, String value, int max, String tooLongCode) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw new SubmissionRejected(tooLongCode, "The " + field + " is longer than " + max + " characters.");
        }
        if (hasControl(value, true)) {
            throw new SubmissionRejected("control_characters", "The " + field + " contains control characters.");
        }
    }

    static boolean hasControl(String s, boolean allowLineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    static String language(String language) {
        return language == null ? "ms" : language.toLowerCase(Locale.ROOT);
    }

    static SubmissionRejected noLinks() {
        return new SubmissionRejected("no_urls",
                "Please give at least one link, in the links box, the description or a chat export.");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
