package org.laporpredator.channel.email.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;

/**
 * Whether an automatic reply may go to a message (RFC 3834 §2 and common practice): never to automatic
 * mail, bounces, mailing lists, bulk mail or addresses that take no reply; so no mail loop forms.
 */
final class AutoReplies {

    private AutoReplies() {
    }

    /** Null when a reply may go; else why not. */
    static String reason(MimeMessage m, String sender) throws MessagingException {
        String auto = header(m, "Auto-Submitted");
        if (auto != null && !auto.toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + auto.toLowerCase(Locale.ROOT).split(";")[0].strip();
        }
        String returnPath = header(m, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "null Return-Path";
        }
        for (String h : new String[] {"List-Id", "List-Unsubscribe", "List-Post"}) {
            if (header(m, h) != null) {
                return "a mailing list (" + h + ")";
            }
        }
        String precedence = header(m, "Precedence");
        if (precedence != null && precedence.toLowerCase(Locale.ROOT).matches("\\s*(bulk|list|junk|auto_reply)\\s*")) {
            return "Precedence: " + precedence.strip().toLowerCase(Locale.ROOT);
        }
        String suppress = header(m, "X-Auto-Response-Suppress");
        if (suppress != null && suppress.toLowerCase(Locale.ROOT).matches(".*\\b(all|autoreply|oof)\\b.*")) {
            return "X-Auto-Response-Suppress";
        }
        for (String h : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoreply-From", "X-Mail-Autoreply"}) {
            if (header(m, h) != null) {
                return "an autoresponder (" + h + ")";
            }
        }
        if (isBounce(m, sender)) {
            return "a delivery report";
        }
        if (sender == null) {
            return "no sender";
        }
        String local = sender.substring(0, Math.max(0, sender.indexOf('@'))).replaceAll("[._+-]", "");
        if (local.startsWith("noreply") || local.startsWith("donotreply") || local.startsWith("mailerdaemon")
                || local.equals("postmaster") || local.startsWith("bounce")) {
            return "a no-reply address";
        }
        return null;
    }

    /** A delivery status notification or a mailer daemon's message. */
    static boolean isBounce(MimeMessage m, String sender) throws MessagingException {
        String type = m.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return true;
        }
        if (sender == null) {
            return false;
        }
        String local = sender.substring(0, Math.max(0, sender.indexOf('@')));
        return local.equals("mailer-daemon") || local.equals("postmaster");
    }

    private static String header(MimeMessage m, String name) throws MessagingException {
        String v = m.getHeader(name, ",");
        return v == null || v.isBlank() ? null : v;
    }
}
