package org.laporpredator.mail.partner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.laporpredator.spi.OutboxEvent;

public class LetterTest {

    private static final Letter.Attached JSON_FILE = new Letter.Attached("lapor-12345678.json", "the same facts as JSON",
            "fakta yang sama dalam JSON");

    @Test
    public void theWholeLetterForAClassifiedLink() throws Exception {
        assertEquals("""
                Lapor Predator - automated notification / pemberitahuan automatik
                TLP:RED - for the named recipients only / untuk penerima yang dinamakan sahaja.

                Reference / Rujukan: 12345678
                Event / Peristiwa: item.classified (item-42-77)

                == English ==
                What: a hotline analyst classified a reported link as CSAM.
                Where:
                  TELEGRAM, CHANNEL
                     Link (defanged, do not open): hxxps://t[.]me/some_channel
                     channel: some_channel
                     host: t[.]me
                When: 2026-03-01 06:22:05 UTC (2026-03-01 14:22:05 Malaysia time)
                Classification: CSAM - child sexual abuse material (international baseline)
                Reports naming this link: 12345678, 23456789
                Attached: lapor-12345678.json, the same facts as JSON.

                == Bahasa Malaysia ==
                Apa: penganalisis talian telah mengelaskan pautan yang dilaporkan sebagai CSAM.
                Di mana:
                  TELEGRAM, CHANNEL
                     Pautan (dinyahaktifkan, jangan buka): hxxps://t[.]me/some_channel
                     channel: some_channel
                     host: t[.]me
                Bila: 2026-03-01 06:22:05 UTC (2026-03-01 14:22:05 waktu Malaysia)
                Klasifikasi: CSAM - bahan penderaan seksual kanak-kanak (garis dasar antarabangsa)
                Laporan yang menyebut pautan ini: 12345678, 23456789
                Lampiran: lapor-12345678.json, fakta yang sama dalam JSON.

                --
                This message was sent automatically. Lapor Predator does not open reported links; the links above are\
                 defanged (hxxp, [.]).
                Mesej ini dihantar secara automatik. Lapor Predator tidak membuka pautan yang dilaporkan; pautan di atas\
                 dinyahaktifkan (hxxp, [.]).
                """, Letter.text(Facts.of(Fixtures.classified("\"12345678\", \"23456789\"", "https://t.me/some_channel")),
                JSON_FILE));
    }

    @Test
    public void aBannerStandsApartBelowTheMarkingAndNoAttachmentNoLine() throws Exception {
        Facts f = Facts.of(Fixtures.received(false));
        String plain = Letter.text(f, null);
        assertTrue(plain, plain.contains("untuk penerima yang dinamakan sahaja.\n\nReference / Rujukan: 12345678\n"));
        assertFalse(plain, plain.contains("Attached:"));
        assertFalse(plain, plain.contains("Lampiran:"));
        assertEquals(plain, Letter.text(f, null, null));
        String bannered = Letter.text(f, "*** ONE ***\n*** DUA ***\n", null);
        assertTrue(bannered, bannered.contains("sahaja.\n\n*** ONE ***\n*** DUA ***\n\nReference / Rujukan: 12345678\n"));
        assertEquals(plain, bannered.replace("\n*** ONE ***\n*** DUA ***\n", ""));
    }

    @Test
    public void aReportItsLinksNumberedItsCategoryAndUrgency() throws Exception {
        String text = Letter.text(Facts.of(Fixtures.received(true)), JSON_FILE);
        assertTrue(text, text.contains("What: a new report to the hotline with 2 links.\n"
                + "URGENT: the reporter says a child may be in danger now.\nWhere:\n  1. WEBSITE, WEB_PAGE\n"
                + "     Link (defanged, do not open): hxxps://bad[.]example/a?q={x|y}\n     host: bad[.]example\n"
                + "  2. WHATSAPP, PHONE_NUMBER\n     Link (defanged, do not open): hxxps://wa[.]me/60123456789\n"
                + "     phone: +60123456789\nWhen: 2026-03-01 02:00:00 UTC (2026-03-01 10:00:00 Malaysia time)\n"
                + "Category: CSAM - child sexual abuse material\nAttached: "));
        assertTrue(text, text.contains("Apa: laporan baharu kepada talian dengan 2 pautan.\n"
                + "SEGERA: pelapor menyatakan kanak-kanak mungkin dalam bahaya sekarang.\nDi mana:\n"));
        assertTrue(text, text.contains("Kategori: CSAM - bahan penderaan seksual kanak-kanak\n"));
        assertFalse(text, text.contains("Classification"));
        assertFalse("links defanged", text.contains("https://"));
        assertFalse("no contact", text.contains("reporter@example.org"));
        assertFalse("no description", text.contains("what the reporter wrote"));
        assertFalse(Letter.text(Facts.of(Fixtures.received(false)), JSON_FILE).contains("URGENT"));
    }

    @Test
    public void removalsAndStatusChanges() throws Exception {
        String removed = Letter.text(Facts.of(Fixtures.removed(true)), null);
        assertTrue(removed, removed.contains("What: the reported link was recorded as removed (taken down).\n"));
        assertTrue(removed, removed.contains("Removed: 2026-03-02 00:59:00 UTC (2026-03-02 08:59:00 Malaysia time)\n"));
        assertTrue(removed, removed.contains("Diturunkan: 2026-03-02 00:59:00 UTC"));
        assertTrue(removed, removed.contains("registrableDomain: bad[.]example"));
        assertTrue(removed, removed.contains("Reports naming this link: 12345678\n"));
        String undone = Letter.text(Facts.of(Fixtures.removed(false)), null);
        assertTrue(undone, undone.contains("Apa: rekod penurunan pautan ini telah dibatalkan: pautan mungkin aktif semula.\n"));
        assertFalse(undone, undone.contains("Removed:"));
        String status = Letter.text(Facts.of(Fixtures.statusChanged()), null);
        assertTrue(status, status.contains("What: the report's status changed from UNDER_REVIEW to REFERRED.\n"
                + "When: 2026-03-03 00:00:00 UTC (2026-03-03 08:00:00 Malaysia time)\n\n== Bahasa Malaysia ==\n"));
        assertTrue(status, status.contains("Apa: status laporan berubah daripada UNDER_REVIEW kepada REFERRED.\n"));
        String unlinked = Letter.text(Facts.of(Fixtures.classified("", null)), null);
        assertTrue(unlinked, unlinked.contains("Link (defanged, do not open): (none)\n"));
        assertTrue(unlinked, unlinked.contains("Reference / Rujukan: -\n"));
        assertFalse(unlinked, unlinked.contains("Reports naming"));
    }

    @Test
    public void subjects() throws Exception {
        assertEquals("[Lapor Predator 12345678] Link classified CSAM (TELEGRAM CHANNEL) / Pautan dikelaskan CSAM",
                Letter.subject(Facts.of(Fixtures.classified("\"12345678\"", "https://t.me/some_channel"))));
        assertEquals("[Lapor Predator item-42] Link classified CSAM (TELEGRAM CHANNEL) / Pautan dikelaskan CSAM",
                Letter.subject(Facts.of(Fixtures.classified("", "https://t.me/some_channel"))));
        assertEquals("[Lapor Predator 12345678] Link removed (WEBSITE WEB_PAGE) / Pautan telah diturunkan",
                Letter.subject(Facts.of(Fixtures.removed(true))));
        assertEquals("[Lapor Predator 12345678] Removal undone (WEBSITE WEB_PAGE) / Rekod penurunan dibatalkan",
                Letter.subject(Facts.of(Fixtures.removed(false))));
        assertEquals("[Lapor Predator 12345678] New report, 2 links / Laporan baharu, 2 pautan",
                Letter.subject(Facts.of(Fixtures.received(true))));
        assertEquals("[Lapor Predator 12345678] Report status UNDER_REVIEW -> REFERRED / Status laporan UNDER_REVIEW -> REFERRED",
                Letter.subject(Facts.of(Fixtures.statusChanged())));
        assertEquals("[Lapor Predator 12345678] LEAD - New report, 2 links / Laporan baharu, 2 pautan",
                Letter.subject(Facts.of(Fixtures.received(true)), "LEAD - "));
        assertEquals("[Lapor Predator event-3] Link classified (none) (UNKNOWN UNKNOWN) / Pautan dikelaskan (tiada)",
                Letter.subject(Facts.of(new OutboxEvent(3, "item.classified", "k", "{\"version\": 1}", Fixtures.AT))));
    }
}
