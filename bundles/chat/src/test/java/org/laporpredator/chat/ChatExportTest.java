package org.laporpredator.chat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.Test;

public class ChatExportTest {

    private static LocalDateTime at(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi);
    }

    @Test
    public void readsAnAndroidExport() throws Exception {
        List<ChatMessage> m = ChatExport.read(
                "31/12/2023, 21:40 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n"
                + "31/12/2023, 21:41 - +60 12-345 6789: join here https://chat.whatsapp.com/AbCdEf\n"
                + "the second line of the same message\n"
                + "\n"
                + "31/12/2023, 21:45 - ~\u202FAbang Long: who: is this?\n"
                + "1/1/2024, 0:05 - Siti added +60 19-876 5432\n");
        assertEquals(4, m.size());
        assertNull(m.get(0).sender());
        assertEquals(at(2023, 12, 31, 21, 40), m.get(0).time());
        assertEquals("+60 12-345 6789", m.get(1).sender());
        assertEquals("join here https://chat.whatsapp.com/AbCdEf\nthe second line of the same message", m.get(1).text());
        assertEquals("Abang Long", m.get(2).sender());
        assertEquals("who: is this?", m.get(2).text());
        assertNull(m.get(3).sender());
        assertEquals("Siti added +60 19-876 5432", m.get(3).text());
        assertEquals(at(2024, 1, 1, 0, 5), m.get(3).time());
    }

    @Test
    public void readsTwelveHourClocksInEnglishAndMalay() throws Exception {
        List<ChatMessage> m = ChatExport.read(
                "12/31/23, 9:41\u202FPM - Ali: a\n"
                + "12/31/23, 12:00\u00A0AM - Ali: b\n"
                + "12/30/23, 12:15 pm - Ali: c\n"
                + "12/30/23, 7:05 a.m. - Ali: d\n");
        assertEquals(at(2023, 12, 31, 21, 41), m.get(0).time());
        assertEquals(at(2023, 12, 31, 0, 0), m.get(1).time());
        assertEquals(at(2023, 12, 30, 12, 15), m.get(2).time());
        assertEquals(at(2023, 12, 30, 7, 5), m.get(3).time());

        List<ChatMessage> malay = ChatExport.read("31/12/2023, 9:41 PTG - Ali: hai\n31/12/2023, 9:41 PG - Ali: pagi\n");
        assertEquals(at(2023, 12, 31, 21, 41), malay.get(0).time());
        assertEquals(at(2023, 12, 31, 9, 41), malay.get(1).time());
    }

    @Test
    public void readsAnIosExport() throws Exception {
        List<ChatMessage> m = ChatExport.read("\uFEFF[31/12/2023, 21:41:05] Kumpulan: \u200EMessages and calls are end-to-end encrypted.\r\n"
                + "\u200E[31/12/2023, 21:42:10] ~\u202FAmir: t.me/badchannel\r\n"
                + "more\r\n"
                + "[31/12/2023, 9:43:00 PM] Amir: \u200Eimage omitted\r\n");
        assertEquals(3, m.size());
        assertEquals("Kumpulan", m.get(0).sender());
        assertEquals("Messages and calls are end-to-end encrypted.", m.get(0).text());
        assertEquals(LocalDateTime.of(2023, 12, 31, 21, 42, 10), m.get(1).time());
        assertEquals("Amir", m.get(1).sender());
        assertEquals("t.me/badchannel\nmore", m.get(1).text());
        assertEquals(at(2023, 12, 31, 21, 43), m.get(2).time());
        assertEquals("image omitted", m.get(2).text());
    }

    @Test
    public void readsCopiedMessages() throws Exception {
        assertEquals(at(2023, 12, 31, 21, 41), ChatExport.read("[9:41 PM, 12/31/2023] Ali: a\n").get(0).time());
        ChatMessage m = ChatExport.read("[21:42, 31/12/2023] Ali: b").get(0);
        assertEquals(at(2023, 12, 31, 21, 42), m.time());
        assertEquals("Ali", m.sender());
    }

    @Test
    public void readsOtherDateSeparatorsAndOrders() throws Exception {
        assertEquals(at(2023, 12, 31, 21, 41), ChatExport.read("31.12.23, 21:41 - A: x").get(0).time());
        assertEquals(at(2023, 12, 31, 21, 41), ChatExport.read("31-12-2023 21:41 - A: x").get(0).time());
        assertEquals(at(2023, 12, 31, 21, 41), ChatExport.read("2023-12-31, 21:41 - A: x").get(0).time());
        assertEquals(at(2023, 12, 31, 21, 41), ChatExport.read("31/12/2023, 21:41 \u2013 A: x").get(0).time());
    }

    @Test
    public void ambiguousDatesAreDayFirstUnlessAnotherLineSaysOtherwise() throws Exception {
        assertEquals(at(2023, 2, 1, 10, 0), ChatExport.read("01/02/2023, 10:00 - A: x").get(0).time());
        List<ChatMessage> us = ChatExport.read("01/02/2023, 10:00 - A: x\n01/13/2023, 10:00 - A: y\n");
        assertEquals(at(2023, 1, 2, 10, 0), us.get(0).time());
        assertEquals(at(2023, 1, 13, 10, 0), us.get(1).time());
        ChatExportException mixed = assertThrows(ChatExportException.class,
                () -> ChatExport.read("13/01/2023, 10:00 - A: x\n01/13/2023, 10:00 - A: y\n"));
        assertTrue(mixed.getMessage(), mixed.getMessage().contains("line 1") && mixed.getMessage().contains("line 2"));
    }

    @Test
    public void rejectsWhatIsNotAnExport() {
        for (String text : new String[] {"", "   \n", "just some words, no chat here",
                "hello\n31/12/2023, 21:41 - A: x", "31/12/2023 - A: x", "31/12/2023, 25:00 - A: x",
                "31/12/2023, 13:00 PM - A: x", "2023/12/31, 21:41 Ali x"}) {
            assertThrows(text, ChatExportException.class, () -> ChatExport.read(text));
        }
    }

    @Test
    public void rejectsDatesThatDoNotExist() {
        ChatExportException e = assertThrows(ChatExportException.class,
                () -> ChatExport.read("01/01/2023, 10:00 - A: x\n31/02/2023, 10:00 - A: y"));
        assertTrue(e.getMessage(), e.getMessage().contains("Line 2"));
        assertThrows(ChatExportException.class, () -> ChatExport.read("32/13/2023, 10:00 - A: x"));
    }

    @Test
    public void blankLinesBeforeTheFirstMessageAreSkipped() throws Exception {
        assertEquals(1, ChatExport.read("\n\r\n31/12/2023, 21:41 - A: x\n\n").size());
        assertEquals("x", ChatExport.read("\n\r\n31/12/2023, 21:41 - A: x\n\n").get(0).text());
    }

    @Test
    public void aSenderLineEndingInAColonStartsAMultiLineMessage() throws Exception {
        ChatMessage m = ChatExport.read("31/12/2023, 21:41 - Ali:\nline one\nline two").get(0);
        assertEquals("Ali", m.sender());
        assertEquals("\nline one\nline two", m.text());
    }

    @Test
    public void limitsSizeAndMessageCount() throws Exception {
        String line = "31/12/2023, 21:41 - A: x\n";
        assertEquals(ChatExport.MAX_MESSAGES, ChatExport.read(line.repeat(ChatExport.MAX_MESSAGES)).size());
        ChatExportException many = assertThrows(ChatExportException.class,
                () -> ChatExport.read(line.repeat(ChatExport.MAX_MESSAGES + 1)));
        assertTrue(many.getMessage(), many.getMessage().contains("50000"));
        String big = line + "y".repeat(ChatExport.MAX_CHARS);
        assertThrows(ChatExportException.class, () -> ChatExport.read(big));
    }

    @Test
    public void longAndOddLinesAreReadInOnePass() throws Exception {
        String odd = "1/".repeat(100_000) + "\n" + "1:".repeat(100_000) + "\n" + "[".repeat(100_000);
        ChatMessage m = ChatExport.read("31/12/2023, 21:41 - A: x\n" + odd).get(0);
        assertEquals("x".length() + 1 + 2 * 100_000 + 1 + 2 * 100_000 + 1 + 100_000, m.text().length());
    }
}
