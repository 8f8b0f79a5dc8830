package org.laporpredator.mail.partner;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The words of a partner's mail in English and Bahasa Malaysia ({@code malay}). */
public final class Words {

    /** Malaysia's time zone, for the second time given. */
    public static final ZoneId MALAYSIA = ZoneId.of("Asia/Kuala_Lumpur");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));
    private static final DateTimeFormatter MY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(MALAYSIA);

    private Words() {
    }

    /** A time in UTC and in Malaysia's time. */
    public static String time(Instant t, boolean malay) {
        if (t == null) {
            return malay ? "(tidak diketahui)" : "(unknown)";
        }
        return UTC.format(t) + " (" + MY.format(t) + (malay ? " waktu Malaysia)" : " Malaysia time)");
    }

    /** An analyst's classification with its meaning, e.g. {@code CSAM - child sexual abuse material (...)}. */
    public static String classification(String c, boolean malay) {
        if (c == null) {
            return malay ? "belum dikelaskan" : "not classified yet";
        }
        String d = switch (c) {
            case "CSAM" -> malay ? "bahan penderaan seksual kanak-kanak (garis dasar antarabangsa)"
                    : "child sexual abuse material (international baseline)";
            case "CSAM_NATIONAL" -> malay
                    ? "bahan penderaan seksual kanak-kanak di bawah undang-undang Malaysia (Akta Kesalahan-Kesalahan Seksual terhadap Kanak-Kanak 2017)"
                    : "child sexual abuse material under Malaysian law (Sexual Offences Against Children Act 2017)";
            case "GROOMING" -> malay ? "dandanan seksual kanak-kanak (grooming)" : "grooming of a child";
            case "SEXTORTION" -> malay ? "peras ugut seksual (sextortion)" : "sexual extortion (sextortion)";
            case "NOT_ILLEGAL" -> malay ? "tidak menyalahi undang-undang" : "not illegal";
            case "UNREACHABLE" -> malay ? "tidak dapat dicapai untuk dinilai" : "could not be reached to be assessed";
            default -> null;
        };
        return d == null ? c : c + " - " + d;
    }

    /** A report's category (the reporter's choice) with its meaning. */
    public static String category(String c, boolean malay) {
        if (c == null) {
            return malay ? "tidak dinyatakan" : "not given";
        }
        String d = switch (c) {
            case "CSAM" -> malay ? "bahan penderaan seksual kanak-kanak" : "child sexual abuse material";
            case "GROOMING" -> malay ? "dandanan seksual kanak-kanak (grooming)" : "grooming of a child";
            case "SEXTORTION" -> malay ? "peras ugut seksual (sextortion)" : "sexual extortion (sextortion)";
            case "OTHER" -> malay ? "lain-lain" : "other";
            default -> null;
        };
        return d == null ? c : c + " - " + d;
    }

    /** {@code 1 link}, {@code 2 links}, {@code 2 pautan}. */
    public static String links(int n, boolean malay) {
        return malay ? n + " pautan" : n + (n == 1 ? " link" : " links");
    }
}
