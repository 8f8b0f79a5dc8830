package org.laporpredator.chat;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text file WhatsApp writes with "Export chat" (Android and iOS, 24- and 12-hour clocks, English
 * and Malay AM/PM markers) and the text WhatsApp copies when messages are selected and copied.
 *
 * <p>Lines that do not start with a date and time continue the message before them. Exports carry the
 * date in the phone's order: a file whose dates only fit day/month is read day/month, one whose dates only
 * fit month/day is read month/day, and one where both fit is read day/month, as Malaysian phones write it.
 * The reader scans each line once, without regular expressions.
 */
public final class ChatExport {
    /** Longest export accepted, in characters. */
    public static final int MAX_CHARS = 2 * 1024 * 1024;
    /** Most messages accepted in one export. */
    public static final int MAX_MESSAGES = 50_000;

    private static final int MAX_SENDER = 100;

    private ChatExport() {
    }

    /** The messages of an export, in file order. */
    public static List<ChatMessage> read(String export) throws ChatExportException {
        if (export == null || export.isBlank()) {
            throw new ChatExportException("The chat export is empty.");
        }
        if (export.length() > MAX_CHARS) {
            throw new ChatExportException("The chat export is larger than 2 MiB. Please export a shorter part of the chat.");
        }
        List<Header> headers = new ArrayList<>();
        List<StringBuilder> more = new ArrayList<>();
        int n = export.length();
        int start = export.charAt(0) == '\uFEFF' ? 1 : 0;
        int lineNo = 0;
        while (true) {
            int end = start;
            while (end < n && export.charAt(end) != '\n' && export.charAt(end) != '\r') {
                end++;
            }
            lineNo++;
            String line = export.substring(start, end);
            Header h = Header.parse(line, lineNo);
            if (h != null) {
                if (headers.size() == MAX_MESSAGES) {
                    throw new ChatExportException("The chat export has more than " + MAX_MESSAGES
                            + " messages. Please export a shorter part of the chat.");
                }
                headers.add(h);
                more.add(null);
            } else if (!headers.isEmpty()) {
                int last = more.size() - 1;
                if (more.get(last) == null) {
                    more.set(last, new StringBuilder());
                }
                more.get(last).append('\n').append(line);
            } else if (!line.isBlank()) {
                throw new ChatExportException("This does not look like a WhatsApp chat export: line " + lineNo
                        + " does not start with a date and time like \"31/12/2023, 21:41 - Name: message\"."
                        + " Use \"Export chat\" in WhatsApp and send the .txt file unchanged.");
            }
            if (end >= n) {
                break;
            }
            start = end + (export.charAt(end) == '\r' && end + 1 < n && export.charAt(end + 1) == '\n' ? 2 : 1);
        }
        if (headers.isEmpty()) {
            throw new ChatExportException("The chat export has no messages.");
        }
        boolean monthFirst = monthFirst(headers);
        List<ChatMessage> messages = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            String first = h.rest;
            String sender = null;
            String text = first;
            int colon = first.indexOf(": ");
            if (colon < 0 && first.endsWith(":") && more.get(i) != null) {
                colon = first.length() - 1;
            }
            if (colon > 0 && colon <= MAX_SENDER) {
                String name = cleanName(first.substring(0, colon));
                if (!name.isEmpty()) {
                    sender = name;
                    text = stripMarks(first.substring(Math.min(first.length(), colon + 2)));
                }
            }
            if (more.get(i) != null) {
                text = text + more.get(i);
            }
            messages.add(new ChatMessage(h.time(monthFirst), sender, text.stripTrailing()));
        }
        return messages;
    }

    /** Whether the file writes month before day; the whole file uses one order. */
    private static boolean monthFirst(List<Header> headers) throws ChatExportException {
        Header dayFirstWitness = null;
        Header monthFirstWitness = null;
        for (Header h : headers) {
            if (h.yearFirst) {
                continue;
            }
            if (h.a > 12 && h.b > 12) {
                throw new ChatExportException("Line " + h.lineNo + " of the chat export has a date that does not exist.");
            }
            if (h.a > 12 && dayFirstWitness == null) {
                dayFirstWitness = h;
            }
            if (h.b > 12 && monthFirstWitness == null) {
                monthFirstWitness = h;
            }
        }
        if (dayFirstWitness != null && monthFirstWitness != null) {
            throw new ChatExportException("The dates in the chat export mix day/month (line " + dayFirstWitness.lineNo
                    + ") and month/day (line " + monthFirstWitness.lineNo + ") order. Please send the export unchanged.");
        }
        return monthFirstWitness != null;
    }

    static boolean isMark(char c) {
        return c == '\u200E' || c == '\u200F' || c == '\uFEFF' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u202F' || c == '\u2009' || c == '\u2007';
    }

    private static String stripMarks(String s) {
        int from = 0;
        while (from < s.length() && isMark(s.charAt(from))) {
            from++;
        }
        return s.substring(from);
    }

    /** A sender as shown: without direction marks, spaces, or the "~" WhatsApp puts before names of non-contacts. */
    private static String cleanName(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (isMark(s.charAt(from)) || isSpace(s.charAt(from)) || s.charAt(from) == '~')) {
            from++;
        }
        while (to > from && (isMark(s.charAt(to - 1)) || isSpace(s.charAt(to - 1)))) {
            to--;
        }
        return s.substring(from, to);
    }

    /** The date and time at the start of a message line, fields as written; day and month are settled later. */
    static final class Header {
        final int lineNo;
        int a;
        int b;
        int year;
        boolean yearFirst;
        int hour;
        int minute;
        int second;
        String rest;

        private final String s;
        private int pos;
        private int lastLength;

        private Header(String s, int lineNo) {
            this.s = s;
            this.lineNo = lineNo;
        }

        /** The header of a message line, or null if the line does not start with one. */
        static Header parse(String line, int lineNo) {
            Header h = new Header(line, lineNo);
            return h.parse() ? h : null;
        }

        LocalDateTime time(boolean monthFirst) throws ChatExportException {
            int day = yearFirst || monthFirst ? b : a;
            int month = yearFirst || monthFirst ? a : b;
            try {
                return LocalDateTime.of(year, month, day, hour, minute, second);
            } catch (DateTimeException e) {
                throw new ChatExportException("Line " + lineNo + " of the chat export has a date that does not exist.");
            }
        }

        private boolean parse() {
            while (pos < s.length() && isMark(s.charAt(pos))) {
                pos++;
            }
            boolean bracket = accept('[');
            int begin = pos;
            if (!(date() && dateTimeGap() && time())) {
                // Copied messages: "[21:41, 31/12/2023] Name: text".
                pos = begin;
                if (!(bracket && time() && accept(',') && spaces() > 0 && date())) {
                    return false;
                }
            }
            if (bracket) {
                if (!accept(']')) {
                    return false;
                }
                spaces();
            } else {
                spaces();
                if (!accept('-') && !accept('\u2013')) {
                    return false;
                }
                if (pos < s.length() && !isSpace(s.charAt(pos))) {
                    return false;
                }
                if (pos < s.length()) {
                    pos++;
                }
            }
            rest = s.substring(pos);
            return true;
        }

        /** d/m/y, m/d/y (settled later) or y-m-d, separated by "/", "." or "-"; 2- or 4-digit years. */
        private boolean date() {
            int first = number(1, 4);
            int firstLength = lastLength;
            if (first < 0 || firstLength == 3 || pos >= s.length()) {
                return false;
            }
            char sep = s.charAt(pos);
            if (sep != '/' && sep != '.' && sep != '-') {
                return false;
            }
            pos++;
            int second = number(1, 2);
            if (second < 0 || !accept(sep)) {
                return false;
            }
            if (firstLength == 4) {
                int third = number(1, 2);
                if (third < 0) {
                    return false;
                }
                yearFirst = true;
                year = first;
                a = second;
                b = third;
                return true;
            }
            int third = number(2, 4);
            if (third < 0 || lastLength == 3) {
                return false;
            }
            a = first;
            b = second;
            year = lastLength == 2 ? 2000 + third : third;
            accept('.');
            return a >= 1 && b >= 1 && a <= 31 && b <= 31;
        }

        private boolean dateTimeGap() {
            boolean comma = accept(',');
            return spaces() > 0 || comma;
        }

        /** H:MM or H:MM:SS, then an optional AM/PM marker (also "a.m.", and Malay "PG"/"PTG"). */
        private boolean time() {
            int h = number(1, 2);
            if (h < 0 || !accept(':')) {
                return false;
            }
            int m = number(2, 2);
            if (m < 0 || m > 59) {
                return false;
            }
            int sec = 0;
            int save = pos;
            if (accept(':')) {
                sec = number(2, 2);
                if (sec < 0 || sec > 59) {
                    pos = save;
                    sec = 0;
                }
            }
            save = pos;
            spaces();
            int half = meridiem();
            if (half < 0) {
                pos = save;
                if (h > 23) {
                    return false;
                }
            } else {
                if (h < 1 || h > 12) {
                    return false;
                }
                h = h % 12 + (half == 1 ? 12 : 0);
            }
            hour = h;
            minute = m;
            second = sec;
            return true;
        }

        /** 0 for AM, 1 for PM, -1 if none; the marker must end the word. */
        private int meridiem() {
            int save = pos;
            int half = -1;
            if (acceptIgnoreCase("PTG")) {
                half = 1;
            } else if (acceptIgnoreCase("PG")) {
                half = 0;
            } else if (pos < s.length() && (Character.toLowerCase(s.charAt(pos)) == 'a'
                    || Character.toLowerCase(s.charAt(pos)) == 'p')) {
                int which = Character.toLowerCase(s.charAt(pos)) == 'p' ? 1 : 0;
                pos++;
                boolean dot = accept('.');
                if (dot) {
                    spaces();
                }
                if (pos < s.length() && Character.toLowerCase(s.charAt(pos)) == 'm') {
                    pos++;
                    if (dot) {
                        accept('.');
                    }
                    half = which;
                }
            }
            if (half >= 0 && pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                half = -1;
            }
            if (half < 0) {
                pos = save;
            }
            return half;
        }

        private boolean acceptIgnoreCase(String word) {
            if (s.regionMatches(true, pos, word, 0, word.length())) {
                pos += word.length();
                return true;
            }
            return false;
        }

        /** A number of min to max ASCII digits not followed by another digit, or -1. */
        private int number(int min, int max) {
            int start = pos;
            int v = 0;
            while (pos < s.length() && pos - start < max && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                v = v * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            lastLength = pos - start;
            if (lastLength < min || (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9')) {
                return -1;
            }
            return v;
        }

        private boolean accept(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private int spaces() {
            int start = pos;
            while (pos < s.length() && isSpace(s.charAt(pos))) {
                pos++;
            }
            return pos - start;
        }
    }
}
