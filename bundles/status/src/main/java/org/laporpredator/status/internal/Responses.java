package org.laporpredator.status.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** JSON responses and errors in the API's shape. */
final class Responses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    static Response error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return json(status, body);
    }

    static Response json(int status, Object body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON + ";charset=utf-8")
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .entity(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
