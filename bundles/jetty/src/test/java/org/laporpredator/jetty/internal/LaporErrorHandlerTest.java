package org.laporpredator.jetty.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.junit.Test;

public class LaporErrorHandlerTest {

    @Test
    public void badMessagesGetOurShortBody() {
        HttpFields fields = new HttpFields();
        String body = StandardCharsets.UTF_8.decode(new LaporErrorHandler().badMessageError(414, "URI Too Long", fields)).toString();
        // outside a connection the path is unknown: JSON
        assertEquals("{\"error\":\"uri_too_long\",\"message\":\"The address is too long.\"}", body);
        assertTrue(fields.get("Content-Type").startsWith("application/json"));
        assertEquals("no-store", fields.get("Cache-Control"));
        String text = new String(LaporErrorHandler.body(400, false), StandardCharsets.UTF_8);
        assertTrue(text, text.startsWith("400 Bad Request\nPermintaan tidak sah."));
        assertTrue(text, text.contains("The request is not valid."));
        assertTrue(new LaporErrorHandler().errorPageForMethod("TRACE"));
    }
}
