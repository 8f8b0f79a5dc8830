package org.laporpredator.chat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.Test;

public class PhoneNumbersTest {

    private static void finds(String text, String... expected) {
        assertEquals(text, List.of(expected), PhoneNumbers.find(text));
    }

    @Test
    public void findsMalaysianMobileNumbersInTheirUsualShapes() {
        finds("+60 12-345 6789", "+60123456789");
        finds("call 012-345 6789 now", "+60123456789");
        finds("0123456789", "+60123456789");
        finds("60123456789", "+60123456789");
        finds("+6012 345 6789", "+60123456789");
        finds("+60 (0)12-345 6789", "+60123456789");
        finds("(012) 345 6789", "+60123456789");
        finds("012.345.6789", "+60123456789");
        finds("011-1234 5678", "+601112345678");
        finds("+60 11-1234 5678", "+601112345678");
        finds("0060123456789", "+60123456789");
        finds("wa: 019\u20118765432.", "+60198765432");
    }

    @Test
    public void keepsTheCountryOfInternationalNumbers() {
        finds("+44 20 7946 0958", "+442079460958");
        finds("+62 812-3456-7890", "+6281234567890");
        finds("+65 9123 4567", "+6591234567");
        finds("+60 3-2345 6789", "+60323456789");
    }

    @Test
    public void findsSeveralNumbersEachOnce() {
        finds("0123456789 0198765432", "+60123456789", "+60198765432");
        finds("012-345 6789, or +60 12 345 6789, or 019-876 5432", "+60123456789", "+60198765432");
    }

    @Test
    public void datesTimesPricesAndReferencesAreNotPhoneNumbers() {
        for (String text : new String[] {"31/12/2023", "21:41", "RM 1,234.56", "ref 12345678", "2023-12-31 10:30",
                "01-12-2023 10:30", "https://x.example/0123456789", "abc0123456789", "0123456789abc", "3.0123456789",
                "0312345678", "+0123456789", "+12 345", "01234567", "012345678901", "RM0123456789", "0123456789/2",
                "#0123456789", "1,0123456789", "012-345-6789-1", "", "+", "(", "+60 12"}) {
            assertEquals(text, List.of(), PhoneNumbers.find(text));
        }
        assertEquals(List.of(), PhoneNumbers.find(null));
    }

    @Test
    public void anythingFoundIsE164AndNothingThrows() {
        Random random = new Random(7);
        String alphabet = "0123456789+-. ()/:,\n[]APMx\u202F";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (String number : PhoneNumbers.find(s.toString())) {
                assertTrue(s + " -> " + number, number.matches("\\+[1-9][0-9]{7,14}"));
            }
            try {
                ChatExport.read(s.toString());
            } catch (ChatExportException expected) {
                // a clear rejection is fine
            }
        }
    }

    @Test
    public void longDigitRunsAreReadOnce() {
        assertEquals(List.of(), PhoneNumbers.find("1".repeat(1_000_000)));
        assertEquals(List.of(), PhoneNumbers.find("1 ".repeat(500_000)));
        assertEquals(List.of(), PhoneNumbers.find("(".repeat(500_000)));
    }
}
