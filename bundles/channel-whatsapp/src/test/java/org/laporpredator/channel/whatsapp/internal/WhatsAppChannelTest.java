package org.laporpredator.channel.whatsapp.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Test;

public class WhatsAppChannelTest {

    static WhatsAppConfig config(String verify, String secret, String access, String number, String version) {
        return new WhatsAppConfig() {
            public String verifyToken() { return verify; }
            public String appSecret() { return secret; }
            public String accessToken() { return access; }
            public String phoneNumberId() { return number; }
            public String apiBase() { return "http://127.0.0.1:9/"; }
            public String apiVersion() { return version; }
            public int replyTries() { return 1; }
            public Class<? extends Annotation> annotationType() { return WhatsAppConfig.class; }
        };
    }

    @Test
    public void theSignatureIsTheHmacOfTheRawBodyWithTheAppSecret() {
        WhatsAppChannel ch = new WhatsAppChannel(config("verify-me", "app-secret", "EAAG", "106540352242922", "v21.0"));
        try {
            // Meta signs the bytes it sends, escaped unicode and all: the same text re-encoded is another body
            byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"text\":\"\\u00e9\"}]}".getBytes(StandardCharsets.UTF_8);
            String good = "sha256=" + HexFormat.of().formatHex(WhatsAppChannel.hmac(
                    new SecretKeySpec("app-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body));
            assertTrue(ch.signed(good, body));
            assertTrue("hex in capitals too", ch.signed("sha256=" + good.substring(7).toUpperCase(), body));
            assertFalse(ch.signed(good, "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"text\":\"é\"}]}".getBytes(StandardCharsets.UTF_8)));
            assertFalse(ch.signed(good.substring(0, good.length() - 1) + (good.endsWith("0") ? "1" : "0"), body));
            assertFalse(ch.signed(good.substring(7), body));
            assertFalse(ch.signed("sha1=" + good.substring(7), body));
            assertFalse(ch.signed("sha256=" + "zz".repeat(32), body));
            assertFalse(ch.signed(null, body));
            assertTrue(ch.verifies("verify-me"));
            assertFalse(ch.verifies("verify-m"));
            assertFalse(ch.verifies(null));
            assertNull(ch.problem());
        } finally {
            ch.deactivate();
        }
    }

    @Test
    public void aKnownVectorOfHmacSha256() {
        // RFC 4231 test case 2
        byte[] mac = WhatsAppChannel.hmac(new SecretKeySpec("Jefe".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HexFormat.of().formatHex(mac));
    }

    @Test
    public void withoutItsSecretsTheChannelSaysWhatIsMissingAndAcceptsNothing() {
        WhatsAppChannel none = new WhatsAppChannel(config("", "", "", "", "v21.0"));
        assertTrue(none.problem(), none.problem().contains("not configured"));
        assertFalse(none.verifies(""));
        assertFalse(none.signed("sha256=" + "0".repeat(64), new byte[0]));
        WhatsAppChannel phone = new WhatsAppChannel(config("v", "s", "a", "+60 12-345 6789", "v21.0"));
        assertTrue(phone.problem(), phone.problem().contains("phoneNumberId"));
        WhatsAppChannel version = new WhatsAppChannel(config("v", "s", "a", "1065", "21"));
        assertTrue(version.problem(), version.problem().contains("apiVersion"));
    }

    @Test
    public void aStatusUpdateGoesOnlyWithinTheCustomerServiceWindow() {
        WhatsAppChannel ch = new WhatsAppChannel(config("v", "s", "a", "1065", "v21.0"));
        try {
            java.time.Instant now = java.time.Instant.parse("2026-12-03T10:00:00Z");
            ch.clock = java.time.Clock.fixed(now, java.time.ZoneOffset.UTC);
            org.laporpredator.conversation.Outgoing update = new org.laporpredator.conversation.Outgoing("Laporan 12345678: ...");
            assertNull("heard an hour ago: sent", ch.send("60123456789", now.minusSeconds(3600), update));
            String late = ch.send("60123456789", now.minus(java.time.Duration.ofHours(24)), update);
            assertTrue(late, late.contains("24-hour"));
            assertTrue(ch.send("60123456789", null, update).contains("24-hour"));
        } finally {
            ch.deactivate();
        }
    }
}
