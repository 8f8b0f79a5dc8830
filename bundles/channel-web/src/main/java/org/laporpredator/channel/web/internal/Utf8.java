package org.laporpredator.channel.web.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: malformed bytes, overlong forms and surrogates are refused, never replaced. */
final class Utf8 {

    private Utf8() {
    }

    /** @throws WebError 400 invalid_encoding */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new WebError(400, "invalid_encoding");
        }
    }

    /** Checks the bytes without keeping the text. @throws WebError 400 invalid_encoding */
    static void check(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                decode(bytes);
                return;
            }
        }
    }

    /**
     * An application/x-www-form-urlencoded name or value: '+' is a space, %XX a byte, the bytes strict UTF-8.
     *
     * @throws WebError 400 malformed_form for a broken escape, invalid_encoding for bytes that are not UTF-8
     */
    static String formDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= n || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new WebError(400, "malformed_form");
                }
                out.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return decode(out.toByteArray());
    }
}
