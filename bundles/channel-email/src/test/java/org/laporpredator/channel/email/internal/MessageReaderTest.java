package org.laporpredator.channel.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.Test;
import org.laporpredator.api.Category;

/** The reader against a corpus of hand-written messages of the shapes that reach the hotline, and fuzzed. */
public class MessageReaderTest {

    static final int MAX = 20_000;
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    static final String[] CORPUS = {"plain", "html-only", "gmail-alternative", "forwarded-inline", "forwarded-attached",
        "reply-quoted", "outlook", "subject-utf8", "subject-latin1", "quoted-printable", "base64-body",
        "image-attachment", "whatsapp-export", "no-links", "bounce", "auto-reply", "mailing-list", "bulk", "noreply",
        "defanged", "anonymous", "csam-en", "csam-bm", "grooming", "ugutan", "subject-wins", "unknown-charset",
        "unclear-language"};

    static byte[] raw(String name) throws IOException {
        try (InputStream in = MessageReaderTest.class.getResourceAsStream("/messages/" + name + ".eml")) {
            assertNotNull(name, in);
            return in.readAllBytes();
        }
    }

    static ReadMessage read(String name) throws Exception {
        return MessageReader.read(new ByteArrayInputStream(raw(name)), MAX);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static void contains(String text, String... parts) {
        for (String p : parts) {
            assertTrue("expected «" + p + "» in:\n" + text, text.contains(p));
        }
    }

    static void lacks(String text, String... parts) {
        for (String p : parts) {
            assertFalse("unexpected «" + p + "» in:\n" + text, text.contains(p));
        }
    }

    @Test
    public void plainText() throws Exception {
        ReadMessage r = read("plain");
        assertEquals("CAB7x9+plain-001@mail.sekolah.test", r.messageId());
        assertEquals("cikgu.aminah@sekolah.test", r.sender());
        assertEquals("cikgu.aminah@sekolah.test", r.replyTo());
        assertEquals("Kumpulan Telegram yang mencurigakan", r.subject());
        contains(r.text(), "Salam tuan/puan,\n\nSaya seorang guru", "https://t.me/+AbCdEf123\n", "Aminah");
        assertEquals(List.of(), r.links());
        assertEquals("ms", r.language());
        assertEquals(Category.OTHER, r.category());
        assertFalse(r.anonymous());
        assertNull(r.noReplyReason());
        assertFalse(r.isBounce());
        assertFalse(r.inReplyToOurs());
        assertNull(r.chatExport());
        assertEquals(List.of(), r.attachments());
        lacks(r.text(), "\r");
    }

    @Test
    public void htmlOnly() throws Exception {
        ReadMessage r = read("html-only");
        String t = r.text();
        contains(t, "Salam, saya jumpa laman ini.\nBaris kedua\nKlik di sini untuk lihat.", "Akaun pertama\nAkaun kedua",
                "Satu\nDua\nTiga", "https://t.me/kumpulanjahat", "Ali & Abu <pelaku>");
        lacks(t, "secret", "jangan-tunjuk", "font-family", "Tajuk tersembunyi", "<p>", "<div", "href", "javascript");
        // the link only in an href is kept; the one the text shows is not repeated; mailto and javascript are no links
        assertEquals(List.of("https://contoh-jahat.test/galeri?id=77"), r.links());
        assertEquals("ms", r.language());
        assertNull(r.noReplyReason());
    }

    @Test
    public void gmailAlternative() throws Exception {
        ReadMessage r = read("gmail-alternative");
        contains(r.text(), "I would like to report this account", "https://www.instagram.com/some.bad.account/",
                "Please help. Thank you.");
        lacks(r.text(), "<div", "dir=");
        // the plain part is the text; the HTML still gives the link the plain part does not show
        assertEquals(List.of("https://www.tiktok.com/@hidden.link"), r.links());
        assertEquals("en", r.language());
        assertEquals("sarah.lim.my@gmail.test", r.sender());
        assertNull(r.noReplyReason());
    }

    @Test
    public void forwardedInline() throws Exception {
        ReadMessage r = read("forwarded-inline");
        contains(r.text(), "Anak saya terima emel ini.", "---------- Forwarded message ---------",
                "From: Agensi Bintang <bintang.agensi@mail.test>", "Subject: Tawaran kerja model",
                "Hai adik, kami mahu ambil kamu jadi model.", "https://wa.me/60123456789");
        assertEquals("Fwd: Tawaran kerja model", r.subject());
        assertEquals("ms", r.language());
        assertEquals("siti.h@gmail.test", r.sender());
    }

    @Test
    public void forwardedAsAttachment() throws Exception {
        ReadMessage r = read("forwarded-attached");
        contains(r.text(), "Saya sertakan emel asal", "Forwarded message", "From: peras@evil.test",
                "Subject: Bayar atau gambar kamu tersebar", "Hantar RM500 ke akaun ini",
                "https://pastebin.test/raw/Xy12Ab");
        assertEquals("zul@syarikat.test", r.sender());
        assertEquals(List.of(), r.attachments());
        assertNull(r.chatExport());
    }

    @Test
    public void replyWithQuotesToOurReply() throws Exception {
        ReadMessage r = read("reply-quoted");
        contains(r.text(), "https://t.me/+ZyXwVu987", "> Nombor rujukan: LP-2024-000123", "> > https://t.me/+AbCdEf123");
        assertTrue(r.inReplyToOurs());
        assertEquals("Re: Laporan anda diterima", r.subject());
        assertNull(r.noReplyReason());
        assertFalse(read("plain").inReplyToOurs());
    }

    @Test
    public void outlook() throws Exception {
        ReadMessage r = read("outlook");
        contains(r.text(), "Please find the server below.", "https://discord.gg/abcDEF12", "From: Lapor Predator",
                "Sent: Sunday, March 17, 2024 9:00 PM", "Thank you for your report.");
        lacks(r.text(), "o:p", "MsoNormal", "iVBORw0KGgo");
        assertEquals("RE: Report about a Discord server", r.subject());
        assertEquals("en", r.language());
        assertNull(r.noReplyReason());
        assertEquals(1, r.attachments().size());
        AttachmentFacts png = r.attachments().get(0);
        assertEquals("image/png", png.declaredType());
        assertEquals(sha256(Base64.getDecoder().decode(PNG)), png.sha256Hex());
        assertEquals(70, png.size());
    }

    @Test
    public void subjectUtf8MalayAndEmoji() throws Exception {
        ReadMessage r = read("subject-utf8");
        assertEquals("Tolong! Akaun ini ganggu anak saya \uD83D\uDE22 \u2014 ugutan seks", r.subject());
        assertEquals(Category.SEXTORTION, r.category());
        contains(r.text(), "\uD83D\uDE21", "https://www.facebook.com/profile.php?id=100000000001");
        assertEquals("nur.aisyah@contoh.test", r.sender());
        assertEquals("ms", r.language());
    }

    @Test
    public void subjectIso88591() throws Exception {
        ReadMessage r = read("subject-latin1");
        assertEquals("Caf\u00e9 owner grooming children \u0096 r\u00e9sum\u00e9".replace("\u0096", "\u0096").length(),
                r.subject().length());
        assertTrue(r.subject(), r.subject().startsWith("Caf\u00e9 owner grooming children"));
        assertTrue(r.subject(), r.subject().endsWith("r\u00e9sum\u00e9"));
        contains(r.text(), "The owner of the caf\u00e9 is talking", "https://www.roblox.com/users/123456/profile");
        assertEquals(Category.GROOMING, r.category());
        assertEquals("en", r.language());
    }

    @Test
    public void quotedPrintableBody() throws Exception {
        ReadMessage r = read("quoted-printable");
        contains(r.text(), "yang tidak senonoh dengan kanak\u2011kanak.",
                "https://chat.whatsapp.com/InviteCodeAbCdEf1234567890\n", "Harga = RM50 \u2014 kata mereka.");
        lacks(r.text(), "=E2", "=3D", "=\n");
    }

    @Test
    public void base64Body() throws Exception {
        ReadMessage r = read("base64-body");
        contains(r.text(), "Salam tuan,\nSaya dapati akaun TikTok", "https://www.tiktok.com/@akaun.palsu\n",
                "Sila siasat. Terima kasih.");
        lacks(r.text(), "U2FsYW0", "\r");
        assertEquals("ms", r.language());
    }

    @Test
    public void imageAttachmentHashedNotKept() throws Exception {
        ReadMessage r = read("image-attachment");
        byte[] png = Base64.getDecoder().decode(PNG);
        assertEquals(1, r.attachments().size());
        AttachmentFacts a = r.attachments().get(0);
        assertEquals(sha256(png), a.sha256Hex());
        assertEquals(png.length, a.size());
        assertEquals("image/png", a.declaredType());
        lacks(r.text(), "iVBORw0KGgo", "AAAADUlEQVR42");
        contains(r.text(), "Saya lampirkan tangkapan skrin");
        assertNull(r.chatExport());
    }

    @Test
    public void whatsappExportAndSecondTxt() throws Exception {
        ReadMessage r = read("whatsapp-export");
        assertNotNull(r.chatExport());
        contains(r.chatExport(), "12/03/2024, 21:15 - Ali: https://t.me/+AbCdEf123\n",
                "12/03/2024, 21:16 - Ali: join sini cepat\nada banyak lagi\n", "+60 12-345 6789: ok bang");
        lacks(r.text(), "21:15 - Ali", "Nota saya");
        contains(r.text(), "Saya lampirkan eksport chat");
        byte[] notes = "Nota saya: pelaku guna nombor +60 12-345 6789.\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new AttachmentFacts(sha256(notes), notes.length, "text/plain")), r.attachments());
        // what the channel files when the export is refused: the same hash the text would have
        ReadMessage without = r.withoutChatExport(MessageReader.facts(r.chatExport()));
        assertNull(without.chatExport());
        assertEquals(2, without.attachments().size());
        assertEquals(sha256(r.chatExport().getBytes(StandardCharsets.UTF_8)), without.attachments().get(1).sha256Hex());
    }

    @Test
    public void noLinks() throws Exception {
        ReadMessage r = read("no-links");
        contains(r.text(), "Jiran saya selalu ajak budak-budak", "boleh beri alamat jika perlu.");
        assertEquals(List.of(), r.links());
        lacks(r.text(), "http");
        assertEquals("ms", r.language());
        assertNull(r.noReplyReason());
    }

    @Test
    public void bounce() throws Exception {
        ReadMessage r = read("bounce");
        assertTrue(r.isBounce());
        assertNotNull(r.noReplyReason());
        assertEquals("mailer-daemon@mx.lapor.test", r.sender());
    }

    @Test
    public void bounceWithoutAutoSubmittedStillABounce() throws Exception {
        String s = new String(raw("bounce"), StandardCharsets.UTF_8).replace("Auto-Submitted: auto-replied\n", "")
                .replace("Return-Path: <>\n", "");
        ReadMessage r = MessageReader.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), MAX);
        assertTrue(r.isBounce());
        assertNotNull(r.noReplyReason());
    }

    @Test
    public void autoReply() throws Exception {
        ReadMessage r = read("auto-reply");
        assertNotNull(r.noReplyReason());
        assertTrue(r.noReplyReason(), r.noReplyReason().startsWith("Auto-Submitted"));
        assertFalse(r.isBounce());
    }

    @Test
    public void mailingListAndBulk() throws Exception {
        ReadMessage list = read("mailing-list");
        assertNotNull(list.noReplyReason());
        assertTrue(list.noReplyReason(), list.noReplyReason().contains("mailing list"));
        ReadMessage bulk = read("bulk");
        assertEquals("Precedence: bulk", bulk.noReplyReason());
        assertFalse(bulk.isBounce());
    }

    @Test
    public void noReplySender() throws Exception {
        ReadMessage r = read("noreply");
        assertEquals("a no-reply address", r.noReplyReason());
        assertFalse(r.isBounce());
        assertEquals("en", r.language());
    }

    @Test
    public void defangedLinkKeptVerbatim() throws Exception {
        ReadMessage r = read("defanged");
        contains(r.text(), "hxxps://t[.]me/saluranjahat123", "hxxp://contoh-jahat[.]test/galeri");
        assertEquals(List.of(), r.links());
    }

    @Test
    public void anonymousSubject() throws Exception {
        ReadMessage r = read("anonymous");
        assertTrue(r.anonymous());
        assertFalse(read("plain").anonymous());
        assertEquals("ms", r.language());
    }

    @Test
    public void categories() throws Exception {
        assertEquals(Category.CSAM, read("csam-en").category());
        assertEquals("en", read("csam-en").language());
        assertEquals(Category.CSAM, read("csam-bm").category());
        assertEquals("ms", read("csam-bm").language());
        assertEquals(Category.GROOMING, read("grooming").category());
        assertEquals(Category.SEXTORTION, read("ugutan").category());
        assertEquals(Category.SEXTORTION, read("subject-wins").category());
        assertEquals(Category.OTHER, read("no-links").category());
        assertEquals(Category.OTHER, read("gmail-alternative").category());
    }

    @Test
    public void categoryWordsAcrossALineBreak() {
        assertEquals(Category.CSAM, Categories.of("", "bahan penderaan seksual\nkanak-kanak"));
        assertEquals(Category.CSAM, Categories.of("", "child  sexual abuse\n material"));
    }

    @Test
    public void unknownCharsetStillRead() throws Exception {
        ReadMessage r = read("unknown-charset");
        contains(r.text(), "Salam, akaun ini menghantar gambar lucah: https://t.me/akaunlucah");
        assertFalse(r.subject().isEmpty());
    }

    @Test
    public void languages() throws Exception {
        assertEquals("en", read("gmail-alternative").language());
        assertEquals("en", read("grooming").language());
        assertEquals("ms", read("plain").language());
        assertEquals("ms", read("unclear-language").language());
        // links' pieces (t.me, to, in) are no English words
        assertEquals("ms", Languages.of("Kumpulan", "Saya jumpa https://t.me/a https://t.me/b https://t.me/c "
                + "https://go.to/in-the https://x.test/is/this/the/one"));
    }

    @Test
    public void capKeepsSurrogatePairsWhole() {
        String s = "a".repeat(95) + "\uD83D\uDE22".repeat(20);
        for (int max = 10; max < 140; max++) {
            String c = MessageReader.clean(s, max);
            assertTrue(c.length() <= max + 4);
            for (int i = 0; i < c.length(); i++) {
                char ch = c.charAt(i);
                if (Character.isHighSurrogate(ch)) {
                    assertTrue("a lone high surrogate at " + max, i + 1 < c.length() && Character.isLowSurrogate(c.charAt(i + 1)));
                }
            }
        }
    }

    @Test
    public void textCapped() throws Exception {
        ReadMessage r = MessageReader.read(new ByteArrayInputStream(raw("outlook")), 100);
        assertTrue(r.text().length() <= 104);
        assertTrue(r.text(), r.text().endsWith("[…]"));
    }

    // ---- fuzz ----

    private static void check(byte[] b, int max, String what) {
        try {
            ReadMessage r = MessageReader.read(new ByteArrayInputStream(b), max);
            assertNotNull(what, r);
            assertNotNull(what, r.text());
            assertTrue(what + ": text " + r.text().length(), r.text().length() <= max + 4);
            assertTrue(what + ": attachments " + r.attachments().size(), r.attachments().size() <= 500);
            assertTrue(what, r.links().size() <= MessageReader.MAX_LINKS);
            assertTrue(what, r.language().equals("en") || r.language().equals("ms"));
            assertNotNull(what, r.category());
        } catch (UnreadableMessage e) {
            // allowed
        } catch (Throwable t) {
            AssertionError a = new AssertionError(what + ": " + t);
            a.initCause(t);
            throw a;
        }
    }

    @Test(timeout = 25_000)
    public void fuzz() throws Exception {
        Random rnd = new Random(20240312L);
        List<byte[]> corpus = new ArrayList<>();
        for (String n : CORPUS) {
            corpus.add(raw(n));
        }
        for (int i = 0; i < 3000; i++) {
            int which = rnd.nextInt(corpus.size());
            byte[] b = corpus.get(which).clone();
            String what = "case " + i + " of " + CORPUS[which];
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    int flips = 1 + rnd.nextInt(20);
                    for (int f = 0; f < flips; f++) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                }
                case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 2 -> {
                    String s = new String(b, StandardCharsets.ISO_8859_1);
                    int end = s.indexOf("\n\n");
                    if (end > 0) {
                        String headers = s.substring(0, end + 1);
                        s = headers + headers + s.substring(end + 1);
                    }
                    b = s.getBytes(StandardCharsets.ISO_8859_1);
                }
                default -> {
                    int flips = 1 + rnd.nextInt(5);
                    for (int f = 0; f < flips; f++) {
                        b[rnd.nextInt(b.length)] = (byte) "\n:;=\"<>-\r\t "
                                .charAt(rnd.nextInt(11));
                    }
                    b = java.util.Arrays.copyOf(b, Math.max(1, b.length - rnd.nextInt(40)));
                }
            }
            check(b, rnd.nextBoolean() ? MAX : 5 + rnd.nextInt(300), what);
        }
        for (int max = 0; max < 8; max++) {
            check(raw("plain"), max, "tiny max " + max);
        }
        check(new byte[0], MAX, "empty");
        check(new byte[] {'\n', '\n'}, MAX, "blank");
    }

    @Test(timeout = 20_000)
    public void deepNesting() throws Exception {
        StringBuilder b = new StringBuilder("From: a@b.test\nSubject: deep\nMIME-Version: 1.0\n");
        for (int i = 0; i < 50; i++) {
            b.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
        }
        b.append("Content-Type: text/plain\n\ndeep text\n");
        for (int i = 49; i >= 0; i--) {
            b.append("--b").append(i).append("--\n");
        }
        check(b.toString().getBytes(StandardCharsets.US_ASCII), MAX, "50 multipart levels");

        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            m.append("From: a").append(i).append("@b.test\nSubject: fw ").append(i)
                    .append("\nContent-Type: message/rfc822\n\n");
        }
        m.append("From: z@b.test\nSubject: inner\n\ninnermost\n");
        check(m.toString().getBytes(StandardCharsets.US_ASCII), MAX, "50 rfc822 levels");
    }

    @Test(timeout = 20_000)
    public void tenThousandTinyParts() throws Exception {
        StringBuilder b = new StringBuilder("From: a@b.test\nSubject: many\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"x\"\n\n");
        for (int i = 0; i < 10_000; i++) {
            b.append("--x\nContent-Type: application/octet-stream; name=\"p").append(i).append(".bin\"\n\n")
                    .append(i).append('\n');
        }
        b.append("--x--\n");
        ReadMessage r = MessageReader.read(new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.US_ASCII)), MAX);
        assertTrue(r.attachments().size() <= 500);
        assertFalse(r.attachments().isEmpty());

        StringBuilder t = new StringBuilder("From: a@b.test\nSubject: many\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"x\"\n\n");
        for (int i = 0; i < 10_000; i++) {
            t.append("--x\nContent-Type: text/plain\n\nline ").append(i).append('\n');
        }
        t.append("--x--\n");
        check(t.toString().getBytes(StandardCharsets.US_ASCII), 1000, "10,000 text parts");
    }
}
