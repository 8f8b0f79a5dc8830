package org.laporpredator.channel.email.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import org.laporpredator.mail.Mail;

/** The automatic replies in ms, en, zh and ta. */
public class RepliesTest {

    private final Replies replies = new Replies("https://lapor.test/", 5);

    @Test
    public void everyLanguageHasEveryKeyAndNoneIsEmpty() {
        Set<String> all = new TreeSet<>();
        for (String lang : Languages.ALL) {
            all.addAll(Replies.keys(lang));
        }
        assertTrue(all.contains("help"));
        for (String lang : Languages.ALL) {
            Set<String> missing = new TreeSet<>(all);
            missing.removeAll(Replies.keys(lang));
            assertTrue("missing in " + lang + ": " + missing, missing.isEmpty());
            for (String key : all) {
                assertFalse("empty in " + lang + ": " + key, Replies.text(lang, key).isBlank());
            }
        }
    }

    @Test
    public void everyReplyClosesWith999AndTalianKasih() {
        for (String lang : Languages.ALL) {
            for (Replies.Kind kind : Replies.Kind.values()) {
                for (boolean dropped : new boolean[] {false, true}) {
                    String text = reply(kind, lang, dropped).text();
                    String close = text.substring(text.lastIndexOf("\n\n"));
                    assertTrue(lang + " " + kind + ": " + close, close.contains("999") && close.contains("15999")
                            && close.contains("Talian Kasih") && close.contains("019-261 5999"));
                    assertFalse(lang + " placeholder left", text.contains("{0}") || text.contains("{1}"));
                }
            }
        }
    }

    @Test
    public void chineseReplies() {
        Mail received = reply(Replies.Kind.RECEIVED, "zh", true);
        assertEquals("已收到举报：40000002 (Re: 举报)", received.subject());
        assertTrue(received.text(), received.text().startsWith("谢谢您。我们已收到您的举报。\n\n参考编号：40000002\n"));
        assertTrue(received.text().contains("https://lapor.test/status?ref=40000002&lang=zh"));
        assertTrue(received.text().contains("您电子邮件中的附件没有被打开，也没有被保存。请改为发送链接。"));
        assertTrue(received.text().contains("请拨打999（警察），或拨打 Talian Kasih 15999"));
        Mail noLinks = reply(Replies.Kind.NO_LINKS, "zh", false);
        assertTrue(noLinks.subject().startsWith("我们在您的电子邮件中找不到链接"));
        assertTrue(noLinks.text().contains("https://lapor.test/report"));
        assertFalse(noLinks.text().contains("附件"));
    }

    @Test
    public void tamilReplies() {
        Mail received = reply(Replies.Kind.RECEIVED, "ta", false);
        assertTrue(received.subject().startsWith("புகார் பெறப்பட்டது: 40000002"));
        assertTrue(received.text().contains("குறிப்பு எண்: 40000002"));
        assertTrue(received.text().contains("https://lapor.test/status?ref=40000002&lang=ta"));
        assertTrue(received.text().contains("999 (காவல்துறை)"));
        Mail noLinks = reply(Replies.Kind.NO_LINKS, "ta", true);
        assertTrue(noLinks.subject().startsWith("உங்கள் மின்னஞ்சலில் எந்த இணைப்பையும்"));
        assertTrue(noLinks.text().contains("இந்தப் படிவத்தைப் பயன்படுத்துங்கள்: https://lapor.test/report"));
        assertTrue(noLinks.text().contains("இணைக்கப்பட்ட கோப்புகள் திறக்கப்படவில்லை"));
    }

    @Test
    public void englishAndMalayAreAsBefore() {
        assertEquals("Thank you. Your report has been received.\n\n"
                + "Reference number: 40000002\n\n"
                + "Check its status at any time: https://lapor.test/status?ref=40000002&lang=en\n"
                + "(the number says only what became of the report, never who sent it)\n\n"
                + "What happens next: an analyst checks every link you sent. Where it is abuse material\n"
                + "or a child at risk, we refer it to CyberSecurity Malaysia, the police (PDRM) and the\n"
                + "platform, and the status above changes as it does.\n\n"
                + "Never send pictures or videos of a child, not even as evidence: send links only.\n"
                + "Keeping or sending such material is an offence.\n"
                + "The files attached to your email were not opened and not kept. Please send links instead.\n"
                + "\nIf a child is in danger right now: call 999 (police), or Talian Kasih 15999\n"
                + "(also WhatsApp 019-261 5999, 24 hours).\n", reply(Replies.Kind.RECEIVED, "en", true).text());
        assertEquals("Terima kasih kerana menghubungi kami. Kami tidak menemui pautan dalam e-mel anda, jadi\n"
                + "laporan belum dibuat; seorang petugas akan membaca mesej anda.\n\n"
                + "Untuk melapor, hantar pautan (alamat web) hantaran, profil, kumpulan atau sembang itu,\n"
                + "seperti alamat kumpulan Telegram atau profil Facebook, dalam e-mel baharu, atau\n"
                + "gunakan borang di https://lapor.test/report\n\n"
                + "Jangan sekali-kali menghantar gambar atau video kanak-kanak, walaupun sebagai bukti:\n"
                + "hantar pautan sahaja.\n"
                + "\nJika seorang kanak-kanak dalam bahaya sekarang: hubungi 999 (polis) atau Talian Kasih 15999\n"
                + "(juga WhatsApp 019-261 5999, 24 jam).\n", reply(Replies.Kind.NO_LINKS, "ms", false).text());
        assertTrue(reply(Replies.Kind.RECEIVED, "xx", false).subject().startsWith("Laporan diterima: 40000002 "));
    }

    @Test
    public void chineseAndTamilAreDetectedByTheirScript() {
        assertEquals("zh", Languages.of("举报", "我的孩子在 https://t.me/abc 被人骚扰"));
        assertEquals("zh", Languages.of(null, "这个Telegram群组有儿童的照片 https://t.me/+Abc123"));
        assertEquals("ta", Languages.of("புகார்", "என் மகளுக்கு இந்தக் கணக்கு செய்திகள் அனுப்புகிறது https://instagram.com/x"));
        assertEquals("ta", Languages.of(null, "இந்த Telegram குழுவில் குழந்தைகளின் படங்கள் உள்ளன"));
        // a Chinese or Tamil name inside an English or Malay message does not change its language
        assertEquals("en", Languages.of("Group", "Please help, this group called 免费视频 is sharing photos of children"
                + " with anyone who asks for them, and the admin is threatening a child."));
        assertEquals("ms", Languages.of("Kumpulan", "Sila ambil tindakan, kumpulan bernama தமிழ் ini ada gambar kanak-kanak"
                + " dan mereka mengugut seorang murid saya."));
        assertEquals("ms", Languages.of(null, null));
    }

    private Mail reply(Replies.Kind kind, String lang, boolean dropped) {
        return replies.reply(kind, "a@x.test", lang, "40000002", "m1@x.test", "举报", dropped, "abcdef0123456789");
    }
}
