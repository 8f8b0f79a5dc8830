package org.laporpredator.channel.telegram.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.conversation.Conversation;
import org.laporpredator.conversation.Outgoing;
import org.laporpredator.conversation.ReplySender;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code POST /api/chat/telegram}: the Bot API's webhook. The {@code X-Telegram-Bot-Api-Secret-Token} header
 * is compared with the configured secret in constant time (wrong or missing: 401, nothing read or stored).
 * An update is handled once (by its update_id); its replies go out through the sender, retried, so the
 * webhook answers 200 as soon as the conversation's state is committed; while the chat's replies cannot go
 * out fast enough, 503 before anything is handled. Switched off or not configured:
 * 503, and Telegram delivers the update again later. The store down: 503 too.
 */
@Component(service = TelegramWebhook.class)
@JaxrsResource
@Path("/api/chat/telegram")
public class TelegramWebhook {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final int MAX_BODY = 64 * 1024;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Conversation conversation;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = TelegramChannel.TARGET)
    volatile TelegramChannel channel;

    @POST
    public Response update(@HeaderParam(SECRET_HEADER) String secret, InputStream body) {
        TelegramChannel ch = channel;
        Conversation c = conversation;
        if (ch == null || c == null || !ch.configured()) {
            return error(503, "channel_disabled", "The Telegram channel is switched off or not configured.");
        }
        if (!ch.authentic(secret)) {
            return error(401, "unauthorized", "The secret token is missing or wrong.");
        }
        JsonNode json;
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return error(413, "too_large", "The update is larger than " + MAX_BODY + " bytes.");
            }
            json = Updates.JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            return error(400, "invalid_json", "The body is not valid JSON.");
        } catch (IOException e) {
            return error(400, "invalid_json", "The body could not be read.");
        }
        Updates.Update u;
        try {
            u = Updates.read(json);
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_update", "The body is not a Telegram update.");
        }
        ReplySender sender = ch.sender();
        if (u.message() != null && !sender.hasRoom(u.chat())) {
            // the replies could not go out now: nothing handled, Telegram delivers the update again later
            return error(503, "busy", "Too many replies are waiting; please deliver the update again later.");
        }
        if (u.callbackId() != null) {
            ObjectNode ack = Updates.JSON.createObjectNode().put("callback_query_id", u.callbackId());
            sender.send(u.chat() == null ? u.callbackId() : u.chat(), "answerCallbackQuery", Updates.bytes(ack));
        }
        if (u.message() == null) {
            return Response.ok().build();
        }
        List<Outgoing> out;
        try {
            out = c.receive(TelegramChannel.MODULE_ID, u.chat(), "u" + u.updateId(), u.language(),
                    u.user() == null ? null : sha256("telegram-user:" + u.user()), u.message());
        } catch (ServiceUnavailable e) {
            return error(503, "unavailable", "The conversation cannot be kept right now.");
        }
        for (Outgoing o : out) {
            sender.send(u.chat(), "sendMessage", Updates.bytes(Updates.sendMessage(u.chat(), o)));
        }
        return Response.ok().build();
    }

    static Response error(int status, String code, String message) {
        ObjectNode e = Updates.JSON.createObjectNode().put("error", code).put("message", message);
        return Response.status(status).type("application/json; charset=utf-8").entity(Updates.bytes(e)).build();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
