package org.laporpredator.notifier.cybersecuritymy.internal;

import java.util.Map;
import org.laporpredator.spi.Events;

/** The subject and the text of the mail for one event, in English and then Bahasa Malaysia. */
final class Letter {

    private Letter() {
    }

    static String subject(Facts f) {
        return "[Lapor Predator " + f.label() + "] " + headline(f, false) + " / " + headline(f, true);
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

    /** @param attachment the STIX file's name, or null when the mail has none */
    static String text(Facts f, String attachment) {
        StringBuilder b = new StringBuilder(2048);
        b.append("Lapor Predator - automated notification / pemberitahuan automatik\n");
        b.append("TLP:RED - for the named recipients only / untuk penerima yang dinamakan sahaja.\n\n");
        b.append("Reference / Rujukan: ").append(f.reference() == null ? "-" : f.reference()).append('\n');
        b.append("Event / Peristiwa: ").append(f.type()).append(" (").append(f.event().idempotencyKey()).append(")\n");
        section(b, f, attachment, false);
        section(b, f, attachment, true);
        b.append("\n--\nThis message was sent automatically. Lapor Predator does not open reported links; the links above are"
                + " defanged (hxxp, [.]).\nMesej ini dihantar secara automatik. Lapor Predator tidak membuka pautan yang"
                + " dilaporkan; pautan di atas dinyahaktifkan (hxxp, [.]).\n");
        return b.toString();
    }

    private static void section(StringBuilder b, Facts f, String attachment, boolean ms) {
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
        if (attachment != null) {
            b.append(ms ? "Lampiran: " : "Attached: ").append(attachment)
                    .append(ms ? ", himpunan STIX 2.1 (TLP:RED): setiap pautan sebagai objek url dan penunjuk (indicator).\n"
                            : ", a STIX 2.1 bundle (TLP:RED): each link as a url object and an indicator.\n");
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
