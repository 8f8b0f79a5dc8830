package org.laporpredator.mail.partner;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import org.junit.Test;

public class WordsTest {

    @Test
    public void timesInUtcAndMalaysia() {
        Instant t = Instant.parse("2026-03-01T06:22:05.123Z");
        assertEquals("2026-03-01 06:22:05 UTC (2026-03-01 14:22:05 Malaysia time)", Words.time(t, false));
        assertEquals("2026-03-01 06:22:05 UTC (2026-03-01 14:22:05 waktu Malaysia)", Words.time(t, true));
        assertEquals("(unknown)", Words.time(null, false));
        assertEquals("(tidak diketahui)", Words.time(null, true));
    }

    @Test
    public void classificationsWithTheirMeaning() {
        assertEquals("CSAM - child sexual abuse material (international baseline)", Words.classification("CSAM", false));
        assertEquals("CSAM - bahan penderaan seksual kanak-kanak (garis dasar antarabangsa)", Words.classification("CSAM", true));
        assertEquals("CSAM_NATIONAL - child sexual abuse material under Malaysian law (Sexual Offences Against Children Act 2017)",
                Words.classification("CSAM_NATIONAL", false));
        assertEquals("CSAM_NATIONAL - bahan penderaan seksual kanak-kanak di bawah undang-undang Malaysia"
                + " (Akta Kesalahan-Kesalahan Seksual terhadap Kanak-Kanak 2017)", Words.classification("CSAM_NATIONAL", true));
        assertEquals("GROOMING - grooming of a child", Words.classification("GROOMING", false));
        assertEquals("SEXTORTION - peras ugut seksual (sextortion)", Words.classification("SEXTORTION", true));
        assertEquals("NOT_ILLEGAL - not illegal", Words.classification("NOT_ILLEGAL", false));
        assertEquals("UNREACHABLE - tidak dapat dicapai untuk dinilai", Words.classification("UNREACHABLE", true));
        assertEquals("an unknown one as it is", "NEW_KIND", Words.classification("NEW_KIND", false));
        assertEquals("not classified yet", Words.classification(null, false));
        assertEquals("belum dikelaskan", Words.classification(null, true));
    }

    @Test
    public void categoriesWithTheirMeaning() {
        assertEquals("CSAM - child sexual abuse material", Words.category("CSAM", false));
        assertEquals("CSAM - bahan penderaan seksual kanak-kanak", Words.category("CSAM", true));
        assertEquals("GROOMING - dandanan seksual kanak-kanak (grooming)", Words.category("GROOMING", true));
        assertEquals("SEXTORTION - sexual extortion (sextortion)", Words.category("SEXTORTION", false));
        assertEquals("OTHER - lain-lain", Words.category("OTHER", true));
        assertEquals("WEIRD", Words.category("WEIRD", false));
        assertEquals("not given", Words.category(null, false));
        assertEquals("tidak dinyatakan", Words.category(null, true));
    }

    @Test
    public void linkCounts() {
        assertEquals("1 link", Words.links(1, false));
        assertEquals("2 links", Words.links(2, false));
        assertEquals("0 links", Words.links(0, false));
        assertEquals("1 pautan", Words.links(1, true));
        assertEquals("2 pautan", Words.links(2, true));
    }
}
