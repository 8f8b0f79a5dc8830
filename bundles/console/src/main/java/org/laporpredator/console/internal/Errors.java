package org.laporpredator.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

/** JSON answers of the admin API, and its errors as {@code {error, message}}. */
final class Errors {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE = "application/json; charset=UTF-8";

    private Errors() {
    }

    static Response json(int status, Object body) {
        try {
            return Response.status(status).type(TYPE).header("Cache-Control", "no-store")
                    .entity(JSON.writeValueAsBytes(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Response error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return json(status, body);
    }

    /** An error to throw from a resource method; JAX-RS answers it as it is. */
    static WebApplicationException fail(int status, String code, String message) {
        return new WebApplicationException(error(status, code, message));
    }
}
