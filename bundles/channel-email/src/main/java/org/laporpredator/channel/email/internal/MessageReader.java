package org.laporpredator.channel.email.internal;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Reads an email into a {@link ReadMessage}: the text of its plain and HTML parts (HTML reduced to text
 * with jsoup), forwarded messages included, the link targets behind the HTML, the first {@code .txt}
 * attachment as a possible chat export, and for every other attachment only its SHA-256, size and declared
 * type: their bytes are streamed through the hash, never kept. Nesting and part counts are capped, so that
 * no message costs much; a part that cannot be read is skipped.
 */
final class MessageReader {

    static final int MAX_DEPTH = 10;
    static final int MAX_PARTS = 500;
    static final int MAX_LINKS = 200;
    static final int MAX_LINK_CHARS = 2048;
    static final int MAX_CHAT_BYTES = 2 * 1024 * 1024;
    /** The most of one text part read. */
    static final int MAX_TEXT_BYTES = 1024 * 1024;

    private static final Session SESSION = Session.getInstance(new Properties());

    private MessageReader() {
    }

    static ReadMessage read(InputStream raw, int maxTextChars) throws UnreadableMessage {
        try {
            return read(new MimeMessage(SESSION, raw), maxTextChars);
        } catch (MessagingException e) {
            throw new UnreadableMessage("not a MIME message (" + e.getClass().getSimpleName() + ")");
        }
    }

    static ReadMessage read(MimeMessage m, int maxTextChars) throws UnreadableMessage {
        try {
            Walk w = new Walk();
            w.part(m, 0);
            String text = clean(w.text.toString(), maxTextChars);
            String subject = oneLine(m.getSubject());
            String sender = address(m.getFrom());
            String replyTo = address(m.getReplyTo());
            if (replyTo == null) {
                replyTo = sender;
            }
            if (text.isEmpty() && w.links.isEmpty() && w.chat == null && subject.isEmpty() && w.attachments.isEmpty()) {
                throw new UnreadableMessage("no readable part");
            }
            List<String> links = new ArrayList<>();
            for (String link : w.links) {
                if (!text.contains(link)) {
                    links.add(link);
                }
            }
            String id = m.getMessageID();
            if (id != null) {
                id = id.strip();
                if (id.startsWith("<") && id.endsWith(">")) {
                    id = id.substring(1, id.length() - 1).strip();
                }
                if (id.isEmpty() || id.length() > 500) {
                    id = null;
                }
            }
            String refs = (m.getHeader("In-Reply-To", " ") + " " + m.getHeader("References", " "));
            boolean ours = refs.contains("<" + Replies.ID_PREFIX);
            return new ReadMessage(id, sender, replyTo, subject, text, links, w.chat, w.attachments,
                    Categories.of(subject, text), Categories.anonymous(subject), Languages.of(subject, text),
                    AutoReplies.reason(m, sender), AutoReplies.isBounce(m, sender), ours);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new UnreadableMessage("cannot read the message (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The parts, depth first. */
    private static final class Walk {
        final StringBuilder text = new StringBuilder();
        final Set<String> links = new LinkedHashSet<>();
        final List<AttachmentFacts> attachments = new ArrayList<>();
        String chat;
        int parts;

        void part(Part p, int depth) throws MessagingException, IOException {
            if (++parts > MAX_PARTS || depth > MAX_DEPTH) {
                return;
            }
            String type = baseType(p);
            String name = fileName(p);
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(safeDisposition(p)) || name != null;
            if (type.startsWith("multipart/")) {
                Object content = p.getContent();
                if (!(content instanceof Multipart mp)) {
                    return;
                }
                if (type.equals("multipart/alternative")) {
                    alternative(mp, depth);
                    return;
                }
                for (int i = 0; i < mp.getCount() && parts < MAX_PARTS; i++) {
                    child(mp.getBodyPart(i), depth);
                }
            } else if (type.equals("message/rfc822")) {
                Object content = p.getContent();
                if (content instanceof MimeMessage inner) {
                    text.append("\n---------- Forwarded message ----------\n");
                    header("From", address(inner.getFrom()));
                    header("Date", inner.getHeader("Date", null));
                    header("Subject", oneLine(inner.getSubject()));
                    text.append('\n');
                    part(inner, depth + 1);
                }
            } else if (!attached && type.equals("text/plain")) {
                text.append(decode(p, MAX_TEXT_BYTES)).append('\n');
            } else if (!attached && type.equals("text/html")) {
                html(decode(p, MAX_TEXT_BYTES));
            } else if (chat == null && isText(type, name)) {
                byte[] bytes = bytes(p, MAX_CHAT_BYTES + 1);
                if (bytes.length <= MAX_CHAT_BYTES) {
                    chat = new String(bytes, charset(p));
                } else {
                    attachments.add(hash(p, type));
                }
            } else {
                attachments.add(hash(p, type));
            }
        }

        /** Safe against one bad part: it is skipped. */
        private void child(BodyPart b, int depth) {
            try {
                part(b, depth + 1);
            } catch (MessagingException | IOException | RuntimeException e) {
                // a part that cannot be read is left out; the rest still counts
            }
        }

        /** The plain part when it says something, else the HTML; the HTML's links either way. */
        private void alternative(Multipart mp, int depth) throws MessagingException, IOException {
            int before = text.length();
            BodyPart html = null;
            List<BodyPart> others = new ArrayList<>();
            boolean plain = false;
            for (int i = 0; i < mp.getCount() && i < MAX_PARTS; i++) {
                BodyPart b = mp.getBodyPart(i);
                String t = baseType(b);
                if (t.equals("text/html")) {
                    html = b;
                } else if (t.equals("text/plain") && !plain) {
                    child(b, depth);
                    plain = text.substring(before).strip().length() > 0;
                } else if (t.startsWith("multipart/")) {
                    others.add(b);
                }
            }
            if (!plain) {
                for (BodyPart b : others) {
                    child(b, depth);
                }
                plain = text.substring(before).strip().length() > 0;
            }
            if (html != null) {
                if (plain) {
                    try {
                        links(Jsoup.parse(decode(html, MAX_TEXT_BYTES)));
                    } catch (MessagingException | IOException | RuntimeException e) {
                        // its links are lost, the plain text stays
                    }
                } else {
                    child(html, depth);
                }
            }
        }

        private void header(String name, String value) {
            if (value != null && !value.isBlank()) {
                text.append(name).append(": ").append(oneLine(value)).append('\n');
            }
        }

        private void html(String html) {
            Document d = Jsoup.parse(html);
            links(d);
            d.select("script, style, head, title").remove();
            d.outputSettings(new Document.OutputSettings().prettyPrint(false));
            d.select("br").after("\\n");
            d.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre, table, hr").before("\\n");
            String marked = d.body() == null ? d.html() : d.body().html();
            String plain = Jsoup.clean(marked.replace("\\n", "\n"), "", Safelist.none(),
                    new Document.OutputSettings().prettyPrint(false));
            text.append(org.jsoup.parser.Parser.unescapeEntities(plain, false)).append('\n');
        }

        private void links(Document d) {
            for (Element a : d.select("a[href]")) {
                String href = a.attr("href").strip();
                String lower = href.toLowerCase(Locale.ROOT);
                if ((lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("tg:"))
                        && href.length() <= MAX_LINK_CHARS && links.size() < MAX_LINKS) {
                    links.add(href);
                }
            }
        }
    }

    private static boolean isText(String type, String name) {
        return name != null ? name.toLowerCase(Locale.ROOT).endsWith(".txt") : type.equals("text/plain");
    }

    private static String baseType(Part p) {
        try {
            String t = p.getContentType();
            return t == null ? "text/plain" : new ContentType(t).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static String fileName(Part p) {
        try {
            String n = p.getFileName();
            return n == null || n.isBlank() ? null : MimeUtility.decodeText(n);
        } catch (MessagingException | IOException | RuntimeException e) {
            return "attachment";
        }
    }

    private static String safeDisposition(Part p) {
        try {
            return p.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static Charset charset(Part p) {
        try {
            String cs = new ContentType(p.getContentType()).getParameter("charset");
            if (cs != null) {
                return Charset.forName(MimeUtility.javaCharset(cs.strip()));
            }
        } catch (MessagingException | RuntimeException e) {
            // the default
        }
        return StandardCharsets.UTF_8;
    }

    private static String decode(Part p, int max) throws MessagingException, IOException {
        return new String(bytes(p, max), charset(p));
    }

    private static byte[] bytes(Part p, int max) throws MessagingException, IOException {
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while (out.size() < max && (n = in.read(buf, 0, Math.min(buf.length, max - out.size()))) > 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The bytes streamed through SHA-256 and counted. */
    private static AttachmentFacts hash(Part p, String type) {
        try (InputStream in = p.getInputStream()) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            long size = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
                size += n;
            }
            return new AttachmentFacts(HexFormat.of().formatHex(d.digest()), size, type);
        } catch (IOException | MessagingException | RuntimeException e) {
            return new AttachmentFacts("unreadable", 0, type);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static AttachmentFacts facts(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try {
            return new AttachmentFacts(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)),
                    b.length, "text/plain");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String address(Address[] list) {
        if (list == null) {
            return null;
        }
        for (Address a : list) {
            if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) {
                return ia.getAddress().strip().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }

    /** \n line ends, no control characters but \n and \t, at most one blank line in a row, capped. */
    static String clean(String s, int max) {
        String t = s.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cntrl}&&[^\n\t]]", "")
                .replace('\u00a0', ' ').replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
        if (t.length() <= max) {
            return t;
        }
        int cut = t.lastIndexOf('\n', max - 4);
        int end = cut > max / 2 ? cut : Math.max(0, max - 4);
        if (end > 0 && Character.isHighSurrogate(t.charAt(end - 1))) {
            end--; // not half an emoji
        }
        return t.substring(0, end).strip() + "\n[…]";
    }
}
