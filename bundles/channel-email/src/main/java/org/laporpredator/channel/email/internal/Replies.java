package org.laporpredator.channel.email.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.laporpredator.mail.Mail;

/**
 * The automatic replies (RFC 3834: {@code Auto-Submitted: auto-replied}, in reply to the reporter's
 * message), in Malay or English, and the limit of replies per sender per hour that keeps mail loops from
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
     * The reply to a message. {@code key}: the message's key (hex), which makes the reply's Message-ID, the
     * same if it is sent again.
     */
    Mail reply(Kind kind, String to, String language, String reference, String inReplyTo, String subject,
            boolean attachmentsDropped, String key) {
        boolean en = "en".equals(language);
        String text = kind == Kind.RECEIVED ? received(en, reference, attachmentsDropped) : noLinks(en, attachmentsDropped);
        String title = kind == Kind.RECEIVED
                ? (en ? "Report received: " : "Laporan diterima: ") + reference
                : (en ? "We could not find a link in your email" : "Kami tidak menemui pautan dalam e-mel anda");
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

    private String received(boolean en, String reference, boolean attachmentsDropped) {
        String status = siteUrl + "/status?ref=" + reference + "&lang=" + (en ? "en" : "ms");
        StringBuilder b = new StringBuilder();
        if (en) {
            b.append("Thank you. Your report has been received.\n\n")
                    .append("Reference number: ").append(reference).append("\n\n")
                    .append("Check its status at any time: ").append(status).append("\n")
                    .append("(the number says only what became of the report, never who sent it)\n\n")
                    .append("What happens next: an analyst checks every link you sent. Where it is abuse material\n")
                    .append("or a child at risk, we refer it to CyberSecurity Malaysia, the police (PDRM) and the\n")
                    .append("platform, and the status above changes as it does.\n\n")
                    .append("Never send pictures or videos of a child, not even as evidence: send links only.\n")
                    .append("Keeping or sending such material is an offence.\n");
            if (attachmentsDropped) {
                b.append("The files attached to your email were not opened and not kept. Please send links instead.\n");
            }
            help(b, true);
        } else {
            b.append("Terima kasih. Laporan anda telah diterima.\n\n")
                    .append("Nombor rujukan: ").append(reference).append("\n\n")
                    .append("Semak status laporan pada bila-bila masa: ").append(status).append("\n")
                    .append("(nombor ini hanya menunjukkan perkembangan laporan, bukan siapa yang menghantarnya)\n\n")
                    .append("Apa seterusnya: penganalisis kami menyemak setiap pautan yang anda hantar. Jika ia bahan\n")
                    .append("penderaan atau kanak-kanak dalam bahaya, kami merujuknya kepada CyberSecurity Malaysia,\n")
                    .append("polis (PDRM) dan platform berkenaan, dan status di atas berubah mengikutnya.\n\n")
                    .append("Jangan sekali-kali menghantar gambar atau video kanak-kanak, walaupun sebagai bukti:\n")
                    .append("hantar pautan sahaja. Menyimpan atau menghantar bahan sedemikian adalah satu kesalahan.\n");
            if (attachmentsDropped) {
                b.append("Fail yang dilampirkan pada e-mel anda tidak dibuka dan tidak disimpan. Sila hantar pautan.\n");
            }
            help(b, false);
        }
        return b.toString();
    }

    private String noLinks(boolean en, boolean attachmentsDropped) {
        StringBuilder b = new StringBuilder();
        if (en) {
            b.append("Thank you for writing to us. We could not find a link in your email, so no report was\n")
                    .append("made yet; a person will read your message.\n\n")
                    .append("To report, send the links (web addresses) of the posts, profiles, groups or chats,\n")
                    .append("such as a Telegram group's or a Facebook profile's address, in a new email, or use the form at\n")
                    .append(siteUrl).append("/report\n\n")
                    .append("Never send pictures or videos of a child, not even as evidence: send links only.\n");
            if (attachmentsDropped) {
                b.append("The files attached to your email were not opened and not kept.\n");
            }
            help(b, true);
        } else {
            b.append("Terima kasih kerana menghubungi kami. Kami tidak menemui pautan dalam e-mel anda, jadi\n")
                    .append("laporan belum dibuat; seorang petugas akan membaca mesej anda.\n\n")
                    .append("Untuk melapor, hantar pautan (alamat web) hantaran, profil, kumpulan atau sembang itu,\n")
                    .append("seperti alamat kumpulan Telegram atau profil Facebook, dalam e-mel baharu, atau\n")
                    .append("gunakan borang di ").append(siteUrl).append("/report\n\n")
                    .append("Jangan sekali-kali menghantar gambar atau video kanak-kanak, walaupun sebagai bukti:\n")
                    .append("hantar pautan sahaja.\n");
            if (attachmentsDropped) {
                b.append("Fail yang dilampirkan pada e-mel anda tidak dibuka dan tidak disimpan.\n");
            }
            help(b, false);
        }
        return b.toString();
    }

    /** Where a child in danger gets help. */
    private static void help(StringBuilder b, boolean en) {
        b.append(en ? "\nIf a child is in danger right now: call 999 (police), or Talian Kasih 15999\n"
                + "(also WhatsApp 019-261 5999, 24 hours).\n"
                : "\nJika seorang kanak-kanak dalam bahaya sekarang: hubungi 999 (polis) atau Talian Kasih 15999\n"
                + "(juga WhatsApp 019-261 5999, 24 jam).\n");
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
