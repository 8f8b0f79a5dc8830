package org.laporpredator.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds phone numbers in free text and writes them in E.164 ({@code +60123456789}).
 *
 * <p>Numbers written with a "+" (or the "00" international prefix) keep their country code; Malaysian mobile
 * numbers written locally ({@code 012-345 6789}, {@code 011-1234 5678}) or as {@code 60123456789} get +60.
 * Digits may be grouped with spaces, "-", "." or brackets. Dates, times, prices, references and numbers inside
 * words or links are not phone numbers. Local landline numbers are left alone: without a "+" they cannot be
 * told apart from other long numbers. The scan is linear and uses no regular expressions.
 */
public final class PhoneNumbers {
    private static final int MAX_GROUPS = 8;
    private static final int MAX_JOINED = 6;

    private PhoneNumbers() {
    }

    /** The phone numbers in the text, each once, in order of appearance. */
    public static List<String> find(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!(digit(c) || c == '+' || c == '(') || !startOk(text, i)) {
                i++;
                continue;
            }
            List<Group> run = new ArrayList<>();
            int p = i;
            while (run.size() < MAX_GROUPS) {
                Group g = Group.read(text, p, run.isEmpty());
                if (g == null) {
                    break;
                }
                run.add(g);
                int q = g.next;
                int spaces = 0;
                while (q < n && spaces < 2 && ChatExport.isSpace(text.charAt(q))) {
                    q++;
                    spaces++;
                }
                if (spaces == 0 || q >= n || !(digit(text.charAt(q)) || text.charAt(q) == '(')) {
                    break;
                }
                p = q;
            }
            if (run.isEmpty()) {
                i++;
                continue;
            }
            pick(text, run, found);
            i = Math.max(i + 1, run.get(run.size() - 1).next);
        }
        return new ArrayList<>(found);
    }

    /** From a run of digit groups, the longest joins that are phone numbers, left to right. */
    private static void pick(String text, List<Group> run, Set<String> found) {
        int k = 0;
        while (k < run.size()) {
            boolean hit = false;
            if (k == 0 || !run.get(k).plus) {
                for (int j = Math.min(run.size() - 1, k + MAX_JOINED - 1); j >= k && !hit; j--) {
                    if (!endOk(text, run.get(j).end)) {
                        continue;
                    }
                    StringBuilder digits = new StringBuilder();
                    for (int g = k; g <= j; g++) {
                        digits.append(run.get(g).digits);
                    }
                    String number = normalise(run.get(k).plus, digits.toString());
                    if (number != null) {
                        found.add(number);
                        k = j + 1;
                        hit = true;
                    }
                }
            }
            if (!hit) {
                k++;
            }
        }
    }

    /** E.164 for the digits, or null if they are not a phone number. */
    static String normalise(boolean plus, String digits) {
        if (digits.length() > 17) {
            return null;
        }
        if (!plus && digits.startsWith("00")) {
            plus = true;
            digits = digits.substring(2);
        }
        if (plus) {
            if (digits.length() < 8 || digits.length() > 15 || digits.charAt(0) == '0') {
                return null;
            }
            if (digits.startsWith("60")) {
                String national = digits.substring(2);
                if (national.startsWith("0")) {
                    national = national.substring(1);
                }
                if (national.startsWith("1")) {
                    return mobile(national);
                }
                return national.length() == 8 || national.length() == 9 ? "+60" + national : null;
            }
            return "+" + digits;
        }
        if (digits.startsWith("601")) {
            return mobile(digits.substring(2));
        }
        if (digits.startsWith("01")) {
            return mobile(digits.substring(1));
        }
        return null;
    }

    /** A Malaysian mobile number from its national digits (1X...): 011 and 015 have 8 digits after the prefix. */
    private static String mobile(String national) {
        if (national.length() < 2 || national.charAt(0) != '1') {
            return null;
        }
        char x = national.charAt(1);
        int length = x == '1' || x == '5' ? 10 : 9;
        return national.length() == length ? "+60" + national : null;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean joiner(char c) {
        return c == '-' || c == '.' || c == '(' || c == ')' || c == '\u2010' || c == '\u2011';
    }

    /** A number may not continue a word, a path, a decimal or a time. */
    private static boolean startOk(String text, int at) {
        if (at == 0) {
            return true;
        }
        char before = text.charAt(at - 1);
        if (Character.isLetterOrDigit(before) || "/\\_=&?#@%$+-*".indexOf(before) >= 0) {
            return false;
        }
        return !((before == '.' || before == ',' || before == ':') && at >= 2 && digit(text.charAt(at - 2)));
    }

    private static boolean endOk(String text, int at) {
        if (at >= text.length()) {
            return true;
        }
        char after = text.charAt(at);
        if (Character.isLetterOrDigit(after) || "/\\_=&?#@%$*".indexOf(after) >= 0) {
            return false;
        }
        return !((after == '.' || after == ',' || after == ':' || after == '-') && at + 1 < text.length()
                && digit(text.charAt(at + 1)));
    }

    /** Digits joined by "-", "." or brackets, with no space inside. */
    private static final class Group {
        boolean plus;
        String digits;
        int end;
        int next;

        static Group read(String text, int at, boolean first) {
            int n = text.length();
            int p = at;
            Group g = new Group();
            if (text.charAt(p) == '+') {
                if (!first) {
                    return null;
                }
                g.plus = true;
                p++;
            }
            StringBuilder digits = new StringBuilder();
            int lastDigit = -1;
            while (p < n) {
                char c = text.charAt(p);
                if (digit(c)) {
                    if (digits.length() <= 17) {
                        digits.append(c);
                    } else {
                        digits.setLength(18);
                    }
                    lastDigit = p;
                } else if (!joiner(c) || (p + 1 < n && joiner(text.charAt(p + 1)) && c != ')')) {
                    break;
                }
                p++;
            }
            if (lastDigit < 0) {
                return null;
            }
            g.digits = digits.toString();
            g.end = lastDigit + 1;
            g.next = text.charAt(lastDigit + 1 < n ? lastDigit + 1 : lastDigit) == ')' ? lastDigit + 2 : lastDigit + 1;
            return g;
        }
    }
}
