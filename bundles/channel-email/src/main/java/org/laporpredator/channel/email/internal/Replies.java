package org.laporpredator.channel.email.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.laporpredator.mail.Mail;

/**
 * The automatic replies (RFC 3834: {@code Auto-Submitted: auto-replied}, in reply to the reporter's
 * message), in Malay, English, Chinese or Tamil ({@code replies_<lang>.properties}, UTF-8), and the limit of replies per sender per hour that keeps mail loops from
 * forming. The limit is kept in memory, by a hash of the sender's address, never the address.
 */
final class Replies {

    /** What a reply is about. */
    enum Kind {
        /** The report was made: its reference. */
        RECEIVED,
        /** No link was found: please send links. */
        NO_LINKS
    }

    /** Our replies' Message-IDs begin with this; a message in reply to one is a reply to a reply. */
    static final String ID_PREFIX = "lapor-reply-";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_SENDERS = 10_000;
    private static final Map<String, Properties> TEXTS = loadAll();

    private final String siteUrl;
    private final int perHour;
    private final Map<String, Deque<Instant>> sent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_SENDERS;
        }
    };

    Replies(String siteUrl, int perHour) {
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
        this.perHour = Math.max(0, perHour);
    }

    /** Takes one of the sender's replies this hour: false when they had them all. */
    synchronized boolean allow(String senderHash, Instant now) {
        Deque<Instant> times = sent.computeIfAbsent(senderHash, k -> new ArrayDeque<>());
        for (Iterator<Instant> i = times.iterator(); i.hasNext();) {
            if (!i.next().isAfter(now.minus(HOUR))) {
                i.remove();
            }
        }
        if (times.size() >= perHour) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** Gives back a reply taken by {@link #allow} that could not be sent. */
    synchronized void giveBack(String senderHash) {
        Deque<Instant> times = sent.get(senderHash);
        if (times != null && !times.isEmpty()) {
            times.removeLast();
        }
    }

    /**
     * The reply to a message, in its language ({@code ms}, {@code en}, {@code zh} or {@code ta}; any other gives
     * {@code ms}). {@code key}: the message's key (hex), which makes the reply's Message-ID, the same if it is
     * sent again.
     */
    Mail reply(Kind kind, String to, String language, String reference, String inReplyTo, String subject,
            boolean attachmentsDropped, String key) {
        String lang = TEXTS.containsKey(language) ? language : "ms";
        String text = kind == Kind.RECEIVED ? received(lang, reference, attachmentsDropped) : noLinks(lang, attachmentsDropped);
        String title = kind == Kind.RECEIVED ? text(lang, "received.subject", reference) : text(lang, "nolinks.subject");
        if (subject != null && !subject.isBlank()) {
            title = title + " (Re: " + shorten(subject, 80) + ")";
        }
        Mail mail = Mail.of(List.of(to), title, text)
                .withHeader("Auto-Submitted", "auto-replied")
                .withHeader("Precedence", "auto_reply")
                .withMessageId(ID_PREFIX + key.substring(0, Math.min(40, key.length())));
        if (inReplyTo != null && inReplyTo.matches("[\\x21-\\x7E&&[^<>]]{1,250}")) {
            mail = mail.withHeader("In-Reply-To", "<" + inReplyTo + ">").withHeader("References", "<" + inReplyTo + ">");
        }
        return mail;
    }

    private String received(String lang, String reference, boolean attachmentsDropped) {
        String status = siteUrl + "/status?ref=" + reference + "&lang=" + lang;
        StringBuilder b = new StringBuilder(text(lang, "received.body", reference, status)).append('\n');
        if (attachmentsDropped) {
            b.append(text(lang, "received.attachments")).append('\n');
        }
        return help(b, lang);
    }

    private String noLinks(String lang, boolean attachmentsDropped) {
        StringBuilder b = new StringBuilder(text(lang, "nolinks.body", siteUrl + "/report")).append('\n');
        if (attachmentsDropped) {
            b.append(text(lang, "nolinks.attachments")).append('\n');
        }
        return help(b, lang);
    }

    /** Closes with where a child in danger gets help: 999 and Talian Kasih. */
    private static String help(StringBuilder b, String lang) {
        return b.append('\n').append(text(lang, "help")).append('\n').toString();
    }

    /** A reply text with {0}, {1}... replaced. */
    static String text(String lang, String key, Object... args) {
        String text = TEXTS.get(lang).getProperty(key);
        if (text == null) {
            throw new IllegalStateException("no reply text " + key + " in " + lang);
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** The keys of a language's replies (for tests). */
    static Set<String> keys(String lang) {
        return TEXTS.get(lang).stringPropertyNames();
    }

    private static Map<String, Properties> loadAll() {
        Map<String, Properties> all = new LinkedHashMap<>();
        for (String lang : Languages.ALL) {
            Properties p = new Properties();
            String name = "replies_" + lang + ".properties";
            try (InputStream in = Replies.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + name);
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            all.put(lang, p);
        }
        return Map.copyOf(all);
    }

    /** Our site's own links (a quoted reply of ours) are not what a reporter reports. */
    String withoutOwnLinks(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll(java.util.regex.Pattern.quote(siteUrl) + "\\S*", "");
    }

    private static String shorten(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
