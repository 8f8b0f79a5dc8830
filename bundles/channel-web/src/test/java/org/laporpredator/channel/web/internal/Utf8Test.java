package org.laporpredator.channel.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class Utf8Test {

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void invalid(Runnable r) {
        WebError e = assertThrows(WebError.class, r::run);
        assertEquals(400, e.status());
        assertEquals("invalid_encoding", e.code());
    }

    @Test
    public void badBytesInAJsonBodyAreRefusedNotReplaced() {
        for (String body : new String[] {
            "{\"urls\":\"https://a.example/\u00ff\u00fe\",\"category\":\"CSAM\"}", // not UTF-8 at all
            "{\"urls\":\"https://a.example/..\u00c0\u00af..\",\"category\":\"CSAM\"}", // overlong '/'
            "{\"urls\":\"https://a.example/\u00ed\u00a0\u0080\",\"category\":\"CSAM\"}", // a surrogate
            "{\"urls\":\"https://a.example/\u00e2\u0082\",\"category\":\"CSAM\"}"}) { // cut short
            byte[] b = bytes(body);
            invalid(() -> SubmissionReader.fromJson("application/json", String.valueOf(b.length), new ByteArrayInputStream(b)));
        }
        byte[] ok = "{\"urls\":\"https://a.example/caf\u00e9\",\"category\":\"CSAM\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("https://a.example/caf\u00e9",
                SubmissionReader.fromJson("application/json", null, new ByteArrayInputStream(ok)).urls().get(0));
    }

    @Test
    public void badBytesInAFormAreRefusedNotReplaced() {
        invalid(() -> FormInput.parse(bytes("category=CSAM&urls=a%C0%AFb")));
        invalid(() -> FormInput.parse(bytes("category=CSAM&urls=%FF")));
        invalid(() -> FormInput.parse(bytes("category=CSAM&urls=\u00ff")));
        assertEquals("caf\u00e9 x", FormInput.parse(bytes("urls=caf%C3%A9+x")).urls());
        WebError e = assertThrows(WebError.class, () -> FormInput.parse(bytes("urls=%G1")));
        assertEquals("malformed_form", e.code());
    }

    @Test
    public void idempotencyKeys() {
        assertNull(SubmissionReader.idempotencyKey(null));
        assertEquals("8e03978e-40d5-43e8-bc93-6894a57f9324",
                SubmissionReader.idempotencyKey("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""));
        assertEquals("abc", SubmissionReader.idempotencyKey(" abc "));
        for (String bad : new String[] {"\"\"", "a b", "x".repeat(256), "caf\u00e9", "a\"b"}) {
            WebError e = assertThrows(bad, WebError.class, () -> SubmissionReader.idempotencyKey(bad));
            assertEquals("invalid_idempotency_key", e.code());
        }
    }
}
