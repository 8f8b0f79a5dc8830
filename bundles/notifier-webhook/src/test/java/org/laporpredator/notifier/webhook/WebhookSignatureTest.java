package org.laporpredator.notifier.webhook;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class WebhookSignatureTest {

    /** The Standard Webhooks test vector (libraries/java/.../WebhookTest.java). */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TS = 1614265330L;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final Instant AT = Instant.ofEpochSecond(TS);
    static final Duration FIVE_MIN = WebhookSignature.DEFAULT_TOLERANCE;

    @Test
    public void signsTheStandardWebhooksTestVector() {
        assertEquals(SIGNATURE, WebhookSignature.sign(SECRET, ID, TS, BODY));
        assertEquals(SIGNATURE, WebhookSignature.sign(WebhookSignature.key(SECRET), ID, TS, BODY));
    }

    @Test
    public void verifiesTheTestVector() {
        assertTrue(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, FIVE_MIN, AT));
        assertTrue(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, FIVE_MIN, AT.plusSeconds(300)));
        assertTrue(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, FIVE_MIN, AT.minusSeconds(300)));
    }

    @Test
    public void acceptsAnyOfSeveralSignatures() {
        String rotated = "v1,Zm9vYmFy v1a,ed25519sig== " + SIGNATURE + " v1,!!notbase64!!";
        assertTrue(WebhookSignature.verify(SECRET, ID, "1614265330", rotated, BODY, FIVE_MIN, AT));
    }

    @Test
    public void rejectsATamperedBody() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, tampered, FIVE_MIN, AT));
    }

    @Test
    public void rejectsAnotherIdOrTimestamp() {
        assertFalse(WebhookSignature.verify(SECRET, "msg_other", "1614265330", SIGNATURE, BODY, FIVE_MIN, AT));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265331", SIGNATURE, BODY, FIVE_MIN, AT));
        assertFalse(WebhookSignature.verify(SECRET, ID, "not-a-number", SIGNATURE, BODY, FIVE_MIN, AT));
    }

    @Test
    public void rejectsTheWrongSecret() {
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        assertFalse(WebhookSignature.verify(other, ID, "1614265330", SIGNATURE, BODY, FIVE_MIN, AT));
    }

    @Test
    public void rejectsATimestampOutsideTheTolerance() {
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, FIVE_MIN, AT.plusSeconds(301)));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, FIVE_MIN, AT.minusSeconds(301)));
        // against the real clock, 2021 is long past
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, FIVE_MIN));
    }

    @Test
    public void rejectsWithoutAV1Signature() {
        String raw = SIGNATURE.substring(3);
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", "v1a," + raw, BODY, FIVE_MIN, AT));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", raw, BODY, FIVE_MIN, AT));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", "", BODY, FIVE_MIN, AT));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", null, BODY, FIVE_MIN, AT));
        assertFalse(WebhookSignature.verify(SECRET, null, "1614265330", SIGNATURE, BODY, FIVE_MIN, AT));
    }

    @Test
    public void verifiesFromHeadersInAnyCase() {
        long now = Instant.now().getEpochSecond();
        String sig = WebhookSignature.sign(SECRET, ID, now, BODY);
        Map<String, List<String>> headers = Map.of("Webhook-id", List.of(ID), "WEBHOOK-TIMESTAMP",
                List.of(Long.toString(now)), "webhook-signature", List.of(sig));
        assertTrue(WebhookSignature.verify(SECRET, headers, BODY, FIVE_MIN));
        assertFalse(WebhookSignature.verify(SECRET, Map.of("webhook-id", List.of(ID)), BODY, FIVE_MIN));
    }

    @Test
    public void secretsAreWhsecAndBase64Of24To64Bytes() {
        assertEquals(24, WebhookSignature.key(SECRET).length);
        String b64of = "whsec_";
        assertTrue(WebhookSignature.isValidSecret(b64of + Base64.getEncoder().encodeToString(new byte[64])));
        assertFalse(WebhookSignature.isValidSecret(b64of + Base64.getEncoder().encodeToString(new byte[23])));
        assertFalse(WebhookSignature.isValidSecret(b64of + Base64.getEncoder().encodeToString(new byte[65])));
        assertFalse(WebhookSignature.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertFalse(WebhookSignature.isValidSecret("whsec_not base64!"));
        assertFalse(WebhookSignature.isValidSecret(null));
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.sign("secret", ID, TS, BODY));
    }
}
