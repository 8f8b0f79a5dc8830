package org.laporpredator.channel.web.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.ws.rs.core.Response;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;

/** The one shared ObjectMapper and the JSON bodies of the REST API. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static final String TYPE = "application/json; charset=UTF-8";

    private Json() {
    }

    /** {@code {"error": code, "message": message}} */
    static byte[] error(String code, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", code);
        node.put("message", message);
        return bytes(node);
    }

    /** {@code {"reference", "status", "items": [{"input", "platform", "kind", "canonicalUrl", "source", "seenAt"?}]}} */
    static byte[] receipt(Receipt receipt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("reference", receipt.reference());
            g.writeStringField("status", receipt.status() == null ? null : receipt.status().name());
            g.writeArrayFieldStart("items");
            for (ReceiptItem item : receipt.items()) {
                g.writeStartObject();
                g.writeStringField("input", item.input());
                g.writeStringField("platform", item.platform());
                g.writeStringField("kind", item.kind());
                g.writeStringField("canonicalUrl", item.canonicalUrl());
                g.writeStringField("source", item.source().name());
                if (item.seenAt() != null) {
                    g.writeStringField("seenAt", item.seenAt().toString());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return out.toByteArray();
    }

    /** A JSON response that is never cached. */
    static Response.ResponseBuilder response(int status, byte[] body) {
        return Response.status(status)
                .type(TYPE)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .entity(body);
    }

    static Response errorResponse(int status, String code, String message) {
        return response(status, error(code, message)).build();
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
