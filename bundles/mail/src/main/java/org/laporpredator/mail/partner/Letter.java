package org.laporpredator.mail.partner;

import java.util.Map;
import org.laporpredator.spi.Events;

/**
 * The subject and the text of a partner's mail for one event, in English and then Bahasa Malaysia: what
 * happened, where (platform, kind, the link defanged, the identifiers), when (UTC and Malaysia time), the
 * classification or category with its meaning, the reports naming a link, the attachment; TLP:RED at the top.
 * What a notifier adds of its own: a lead in the subject, a banner at the top, what its attachment is.
 */
public final class Letter {

    /**
     * The attachment a mail carries, for the "Attached" line of each language: {@code Attached: <file>, <en>.}
     *
     * @param file its file name
     * @param en   what it is, in English, e.g. {@code the same facts as JSON}
     * @param ms   what it is, in Bahasa Malaysia
     */
    public record Attached(String file, String en, String ms) {
    }

    private Letter() {
    }

    /** {@code [Lapor Predator <label>] <English> / <Bahasa Malaysia>}. */
    public static String subject(Facts f) {
        return subject(f, "");
    }

    /** @param lead put before the headlines, e.g. an urgent mark and {@code " - "}; empty for none */
    public static String subject(Facts f, String lead) {
        return "[Lapor Predator " + f.label() + "] " + lead + headline(f, false) + " / " + headline(f, true);
    }

    private static String headline(Facts f, boolean ms) {
        Facts.Link link = f.links().isEmpty() ? null : f.links().get(0);
        String where = link == null ? "" : " (" + link.platform() + " " + link.kind() + ")";
        return switch (f.type()) {
            case Events.ITEM_CLASSIFIED -> (ms ? "Pautan dikelaskan " : "Link classified ") + orNone(f.classification(), ms)
                    + (ms ? "" : where);
            case Events.ITEM_REMOVED -> Boolean.TRUE.equals(f.removed())
                    ? (ms ? "Pautan telah diturunkan" : "Link removed" + where)
                    : (ms ? "Rekod penurunan dibatalkan" : "Removal undone" + where);
            case Events.REPORT_RECEIVED -> (ms ? "Laporan baharu, " : "New report, ") + Words.links(f.links().size(), ms);
            case Events.REPORT_STATUS_CHANGED -> (ms ? "Status laporan " : "Report status ") + f.fromStatus() + " -> "
                    + f.toStatus();
            default -> f.type();
        };
    }

    private static String orNone(String s, boolean ms) {
        return s == null ? (ms ? "(tiada)" : "(none)") : s;
    }

    /** @param attached the mail's attachment, or null when it has none */
    public static String text(Facts f, Attached attached) {
        return text(f, null, attached);
    }

    /**
     * @param banner   lines (each ending with a newline) set apart below the TLP:RED line, or null for none
     * @param attached the mail's attachment, or null when it has none
     */
    public static String text(Facts f, String banner, Attached attached) {
        StringBuilder b = new StringBuilder(2048);
        b.append("Lapor Predator - automated notification / pemberitahuan automatik\n");
        b.append("TLP:RED - for the named recipients only / untuk penerima yang dinamakan sahaja.\n");
        if (banner != null) {
            b.append('\n').append(banner);
        }
        b.append("\nReference / Rujukan: ").append(f.reference() == null ? "-" : f.reference()).append('\n');
        b.append("Event / Peristiwa: ").append(f.type()).append(" (").append(f.event().idempotencyKey()).append(")\n");
        section(b, f, attached, false);
        section(b, f, attached, true);
        b.append("\n--\nThis message was sent automatically. Lapor Predator does not open reported links; the links above are"
                + " defanged (hxxp, [.]).\nMesej ini dihantar secara automatik. Lapor Predator tidak membuka pautan yang"
                + " dilaporkan; pautan di atas dinyahaktifkan (hxxp, [.]).\n");
        return b.toString();
    }

    private static void section(StringBuilder b, Facts f, Attached attached, boolean ms) {
        b.append(ms ? "\n== Bahasa Malaysia ==\n" : "\n== English ==\n");
        b.append(ms ? "Apa: " : "What: ").append(what(f, ms)).append('\n');
        if (f.urgent()) {
            b.append(ms ? "SEGERA: pelapor menyatakan kanak-kanak mungkin dalam bahaya sekarang.\n"
                    : "URGENT: the reporter says a child may be in danger now.\n");
        }
        if (!f.links().isEmpty()) {
            b.append(ms ? "Di mana:\n" : "Where:\n");
            int i = 0;
            for (Facts.Link l : f.links()) {
                b.append("  ").append(f.links().size() > 1 ? ++i + ". " : "").append(l.platform()).append(", ")
                        .append(l.kind()).append('\n');
                b.append(ms ? "     Pautan (dinyahaktifkan, jangan buka): " : "     Link (defanged, do not open): ")
                        .append(Defang.url(l.url())).append('\n');
                for (Map.Entry<String, String> id : l.identifiers().entrySet()) {
                    b.append("     ").append(id.getKey()).append(": ").append(Defang.value(id.getValue())).append('\n');
                }
            }
        }
        b.append(ms ? "Bila: " : "When: ").append(Words.time(f.at(), ms)).append('\n');
        if (f.itemEvent()) {
            b.append(ms ? "Klasifikasi: " : "Classification: ").append(Words.classification(f.classification(), ms))
                    .append('\n');
            if (Boolean.TRUE.equals(f.removed())) {
                b.append(ms ? "Diturunkan: " : "Removed: ").append(Words.time(f.removedAt(), ms)).append('\n');
            }
            if (!f.references().isEmpty()) {
                b.append(ms ? "Laporan yang menyebut pautan ini: " : "Reports naming this link: ")
                        .append(String.join(", ", f.references())).append('\n');
            }
        }
        if (Events.REPORT_RECEIVED.equals(f.type())) {
            b.append(ms ? "Kategori: " : "Category: ").append(Words.category(f.category(), ms)).append('\n');
        }
        if (attached != null) {
            b.append(ms ? "Lampiran: " : "Attached: ").append(attached.file()).append(", ").append(ms ? attached.ms() : attached.en())
                    .append(".\n");
        }
    }

    private static String what(Facts f, boolean ms) {
        return switch (f.type()) {
            case Events.ITEM_CLASSIFIED -> ms
                    ? "penganalisis talian telah mengelaskan pautan yang dilaporkan sebagai " + orNone(f.classification(), ms) + "."
                    : "a hotline analyst classified a reported link as " + orNone(f.classification(), ms) + ".";
            case Events.ITEM_REMOVED -> Boolean.TRUE.equals(f.removed())
                    ? (ms ? "pautan yang dilaporkan direkodkan sebagai telah diturunkan."
                            : "the reported link was recorded as removed (taken down).")
                    : (ms ? "rekod penurunan pautan ini telah dibatalkan: pautan mungkin aktif semula."
                            : "a removal recorded for this link was undone: the link may be up again.");
            case Events.REPORT_RECEIVED -> ms
                    ? "laporan baharu kepada talian dengan " + Words.links(f.links().size(), true) + "."
                    : "a new report to the hotline with " + Words.links(f.links().size(), false) + ".";
            case Events.REPORT_STATUS_CHANGED -> ms
                    ? "status laporan berubah daripada " + f.fromStatus() + " kepada " + f.toStatus() + "."
                    : "the report's status changed from " + f.fromStatus() + " to " + f.toStatus() + ".";
            default -> f.type();
        };
    }
}
