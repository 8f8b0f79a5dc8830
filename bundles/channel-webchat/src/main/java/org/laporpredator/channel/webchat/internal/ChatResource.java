package org.laporpredator.channel.webchat.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.laporpredator.api.ClientAddresses;
import org.laporpredator.api.Clients;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.conversation.Choice;
import org.laporpredator.conversation.Conversation;
import org.laporpredator.conversation.Incoming;
import org.laporpredator.conversation.Outgoing;
import org.laporpredator.spi.IntakeChannel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The web chat's JSON: {@code POST /api/chat/sessions} {@code {"language"?}} → 201 {@code {sessionId, messages}}
 * (a 256-bit random id), then {@code POST /api/chat/sessions/{sessionId}/messages} {@code {"text"}} or
 * {@code {"choice"}} → 200 {@code {messages}}. Not a module component itself: switched off, it answers 503.
 * Errors are JSON {@code {error, message}}; answers are never cached. The submission limit is the client
 * address's, like the form's.
 */
@Component(service = ChatResource.class)
@JaxrsResource
@Path("/api/chat/sessions")
public class ChatResource {

    static final int MAX_BODY = 16 * 1024;
    static final int MAX_TEXT = 4096;
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CHOICE = Pattern.compile("[A-Za-z0-9_:-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Conversation conversation;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = WebChatChannel.TARGET)
    volatile IntakeChannel channel;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Clients clients;

    @POST
    public Response start(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpServletRequest request,
            InputStream body) {
        Conversation c = conversation;
        if (channel == null || c == null) {
            return error(503, "channel_disabled", "The web chat is switched off right now. Please use the form.");
        }
        JsonNode in;
        try {
            in = read(contentType, body, true);
        } catch (Refused e) {
            return error(e.status, e.code, e.getMessage());
        }
        String language = null;
        if (in != null && in.has("language") && !in.get("language").isNull()) {
            language = in.get("language").isTextual() ? in.get("language").asText() : "";
            if (!Conversation.LANGUAGES.contains(language)) {
                return error(400, "unsupported_language", "language must be one of " + String.join(", ", Conversation.LANGUAGES) + ".");
            }
        }
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        try {
            List<Outgoing> out = c.receive(WebChatChannel.MODULE_ID, sessionId, null, language, client(request),
                    Incoming.text("/start"));
            ObjectNode reply = JSON.createObjectNode();
            reply.put("sessionId", sessionId);
            reply.set("messages", messages(out));
            return json(201, reply);
        } catch (ServiceUnavailable e) {
            return error(503, "unavailable", "The chat cannot be kept right now. Please try again in a minute.");
        }
    }

    @POST
    @Path("{sessionId}/messages")
    public Response message(@PathParam("sessionId") String sessionId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context HttpServletRequest request, InputStream body) {
        Conversation c = conversation;
        if (channel == null || c == null) {
            return error(503, "channel_disabled", "The web chat is switched off right now. Please use the form.");
        }
        if (sessionId == null || !SESSION.matcher(sessionId).matches()) {
            return error(404, "unknown_session", "There is no such chat session. Please start a new one.");
        }
        Incoming message;
        try {
            message = incoming(read(contentType, body, false));
        } catch (Refused e) {
            return error(e.status, e.code, e.getMessage());
        }
        try {
            List<Outgoing> out = c.receive(WebChatChannel.MODULE_ID, sessionId, null, null, client(request), message);
            ObjectNode reply = JSON.createObjectNode();
            reply.set("messages", messages(out));
            return json(200, reply);
        } catch (ServiceUnavailable e) {
            return error(503, "unavailable", "The chat cannot be kept right now. Please try again in a minute.");
        }
    }

    /** Exactly one of text (1 to 4,096 characters) and choice (an id offered). */
    static Incoming incoming(JsonNode in) throws Refused {
        JsonNode text = in.get("text");
        JsonNode choice = in.get("choice");
        boolean hasText = text != null && !text.isNull();
        boolean hasChoice = choice != null && !choice.isNull();
        if (hasText == hasChoice) {
            throw new Refused(400, "invalid_message", "Send either text or choice.");
        }
        if (hasText) {
            if (!text.isTextual() || text.asText().isBlank() || text.asText().length() > MAX_TEXT) {
                throw new Refused(400, "invalid_message", "text must be 1 to " + MAX_TEXT + " characters.");
            }
            return Incoming.text(text.asText());
        }
        if (!choice.isTextual() || !CHOICE.matcher(choice.asText()).matches()) {
            throw new Refused(400, "invalid_message", "choice must be the id of a choice offered.");
        }
        return Incoming.choice(choice.asText());
    }

    /** The body as a JSON object; {@code optional}: an empty body is null. */
    static JsonNode read(String contentType, InputStream body, boolean optional) throws Refused {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new Refused(400, "invalid_json", "The body could not be read.");
        }
        if (bytes.length > MAX_BODY) {
            throw new Refused(413, "too_large", "The body is larger than " + MAX_BODY + " bytes.");
        }
        if (bytes.length == 0 && optional) {
            return null;
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Refused(415, "unsupported_media_type", "Send application/json.");
        }
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new Refused(400, "invalid_json", "The body must be a JSON object.");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new Refused(400, "invalid_json", "The body is not valid JSON.");
        } catch (IOException e) {
            throw new Refused(400, "invalid_json", "The body is not valid JSON.");
        }
    }

    static ArrayNode messages(List<Outgoing> out) {
        ArrayNode list = JSON.createArrayNode();
        for (Outgoing o : out) {
            ObjectNode m = list.addObject();
            m.put("text", o.text());
            if (!o.choices().isEmpty()) {
                ArrayNode choices = m.putArray("choices");
                for (Choice ch : o.choices()) {
                    choices.addObject().put("id", ch.id()).put("label", ch.label());
                }
            }
        }
        return list;
    }

    private String client(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        Clients keys = clients != null ? clients : ClientAddresses.DIRECT::client;
        return keys.client(request.getRemoteAddr(), Collections.list(request.getHeaders("Forwarded")),
                Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    private static Response json(int status, JsonNode body) {
        try {
            return Response.status(status).type("application/json; charset=utf-8")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").entity(JSON.writeValueAsBytes(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response error(int status, String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("error", code);
        e.put("message", message);
        return json(status, e);
    }

    /** Bad input: a 4xx with a code and a message. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
