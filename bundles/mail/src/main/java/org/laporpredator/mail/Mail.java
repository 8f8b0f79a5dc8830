package org.laporpredator.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One mail: plain text (UTF-8) and attachments, to one or more recipients, from the mailer's configured
 * sender. Every mail also carries {@code Auto-Submitted: auto-generated} (RFC 3834) and
 * {@code X-Auto-Response-Suppress: All}, so that vacation replies stay away; {@code headers} may add more.
 *
 * @param to          the recipients (plain addresses, {@code name@example.org}), at least one
 * @param subject     one line; control characters become spaces
 * @param text        the body, plain text
 * @param attachments files attached after the body, in order
 * @param headers     further header fields, in order; not the ones the mailer writes itself (From, To, Cc,
 *                    Bcc, Subject, Date, Message-ID, MIME-Version, Content-*)
 * @param messageId   a stable key for this mail's content (e.g. an outbox idempotency key), the same on every
 *                    attempt: the Message-ID is made from it, so that mail systems that drop a repeated
 *                    Message-ID drop the copy; null for a new Message-ID each time
 */
public record Mail(List<String> to, String subject, String text, List<Attachment> attachments,
        Map<String, String> headers, String messageId) {

    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]{1,76}");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\t -~]{0,900}");
    private static final Pattern MESSAGE_KEY = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Set<String> MANAGED = Set.of("from", "to", "cc", "bcc", "subject", "date", "message-id",
            "mime-version", "sender", "reply-to", "return-path");

    /** A file attached to a mail. */
    public record Attachment(String name, String contentType, byte[] content) {

        /**
         * @param name        the file name the recipient sees; path separators and control characters
         *                    become {@code _}
         * @param contentType a MIME type, e.g. {@code application/json}
         */
        public Attachment {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an attachment needs a name");
            }
            name = name.strip().replaceAll("[\\p{Cntrl}/\\\\\"]", "_");
            if (contentType == null || !contentType.matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;[ -~]*)?")) {
                throw new IllegalArgumentException("an attachment needs a MIME type");
            }
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    public Mail {
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs a recipient");
        }
        to = List.copyOf(to);
        for (int i = 0; i < to.size(); i++) {
            if (!isAddress(to.get(i))) {
                throw new IllegalArgumentException("recipient " + (i + 1) + " is not an email address");
            }
        }
        subject = subject == null ? "" : subject.replaceAll("\\p{Cntrl}+", " ").strip();
        text = text == null ? "" : text;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Map<String, String> h = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name == null || !HEADER_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("not a header name: " + name);
                }
                String lower = name.toLowerCase(Locale.ROOT);
                if (MANAGED.contains(lower) || lower.startsWith("content-")) {
                    throw new IllegalArgumentException("the mailer writes " + name + " itself");
                }
                if (value == null || !HEADER_VALUE.matcher(value).matches()) {
                    throw new IllegalArgumentException("header " + name + " needs a value in printable ASCII on one line");
                }
                h.put(name, value);
            });
        }
        headers = Collections.unmodifiableMap(h);
        if (messageId != null && !MESSAGE_KEY.matcher(messageId).matches()) {
            throw new IllegalArgumentException("a message key is 1 to 128 of A-Z a-z 0-9 . _ -");
        }
    }

    /** A mail with no attachment, no further header and a new Message-ID each time. */
    public static Mail of(List<String> to, String subject, String text) {
        return new Mail(to, subject, text, List.of(), Map.of(), null);
    }

    /** This mail with one more attachment. */
    public Mail withAttachment(String name, String contentType, byte[] content) {
        List<Attachment> more = new ArrayList<>(attachments);
        more.add(new Attachment(name, contentType, content));
        return new Mail(to, subject, text, more, headers, messageId);
    }

    /** This mail with one more header field (or another value for it). */
    public Mail withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Mail(to, subject, text, attachments, more, messageId);
    }

    /** This mail with a stable Message-ID made from {@code key}. */
    public Mail withMessageId(String key) {
        return new Mail(to, subject, text, attachments, headers, key);
    }

    /** Whether {@code s} is a plain email address ({@code local@domain}, ASCII, no display name). */
    public static boolean isAddress(String s) {
        return s != null && s.length() <= 254 && ADDRESS.matcher(s).matches();
    }

    /**
     * The addresses of a configured list: separated by commas, semicolons or white space; empty entries
     * dropped. @throws IllegalArgumentException naming the position (never the text) of an entry that is
     * not an address
     */
    public static List<String> addresses(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        int n = 0;
        for (String part : list.split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            n++;
            if (!isAddress(part)) {
                throw new IllegalArgumentException("entry " + n + " is not an email address");
            }
            if (!out.contains(part)) {
                out.add(part);
            }
        }
        return out;
    }
}
