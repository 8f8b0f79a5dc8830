package org.laporpredator.channel.whatsapp.internal;

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
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
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
 * {@code /api/chat/whatsapp}: the Cloud API's webhook. {@code GET} is Meta's subscription check: the
 * {@code hub.challenge} echoed when {@code hub.verify_token} is the configured one, else 403. {@code POST}
 * carries messages, signed in {@code X-Hub-Signature-256} with the app secret over the raw body (checked in
 * constant time; wrong or missing: 401, nothing read or stored). A message is handled once (by its wamid); its
 * replies go out through the sender, retried, so the webhook answers 200 as soon as the conversation's state
 * is committed. Switched off, not configured, the store down, or a chat's replies waiting: 503, and Meta
 * delivers the call again later.
 */
@Component(service = WhatsAppWebhook.class)
@JaxrsResource
@Path("/api/chat/whatsapp")
public class WhatsAppWebhook {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    static final int MAX_BODY = 256 * 1024;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Conversation conversation;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = WhatsAppChannel.TARGET)
    volatile WhatsAppChannel channel;

    @GET
    public Response subscribe(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        WhatsAppChannel ch = channel;
        if (ch == null || !ch.configured()) {
            return error(503, "channel_disabled", "The WhatsApp channel is switched off or not configured.");
        }
        if (!"subscribe".equals(mode) || !ch.verifies(token) || challenge == null || challenge.length() > 256) {
            return error(403, "forbidden", "The verify token is missing or wrong.");
        }
        return Response.ok(challenge, "text/plain; charset=utf-8").build();
    }

    @POST
    public Response call(@HeaderParam(SIGNATURE_HEADER) String signature, InputStream body) {
        WhatsAppChannel ch = channel;
        Conversation c = conversation;
        if (ch == null || c == null || !ch.configured()) {
            return error(503, "channel_disabled", "The WhatsApp channel is switched off or not configured.");
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            return error(400, "invalid_json", "The body could not be read.");
        }
        if (!ch.signed(signature, bytes)) {
            return error(401, "unauthorized", "The signature is missing or wrong.");
        }
        if (bytes.length > MAX_BODY) {
            return error(413, "too_large", "The call is larger than " + MAX_BODY + " bytes.");
        }
        List<Messages.Message> messages;
        try {
            messages = Messages.read(Messages.JSON.readTree(bytes), ch.phoneNumberId());
        } catch (JsonProcessingException e) {
            return error(400, "invalid_json", "The body is not valid JSON.");
        } catch (IOException | IllegalArgumentException e) {
            return error(400, "invalid_call", "The body is not a WhatsApp webhook call.");
        }
        ReplySender sender = ch.sender();
        for (Messages.Message m : messages) {
            if (!sender.hasRoom(m.from())) {
                // nothing more handled: Meta delivers the call again, the messages handled are not handled twice
                return error(503, "busy", "Too many replies are waiting; please deliver the call again later.");
            }
            List<Outgoing> out;
            try {
                out = c.receive(WhatsAppChannel.MODULE_ID, m.from(), messageId(m.id()), null,
                        sha256("whatsapp-user:" + m.from()), m.incoming());
            } catch (ServiceUnavailable e) {
                return error(503, "unavailable", "The conversation cannot be kept right now.");
            }
            for (Outgoing o : out) {
                for (ObjectNode reply : Messages.replies(m.from(), o)) {
                    sender.send(m.from(), "messages", bytes(reply));
                }
            }
        }
        return Response.ok().build();
    }

    /** A wamid as kept: long ones by their hash. */
    static String messageId(String wamid) {
        return wamid.length() <= 100 ? wamid : "h:" + sha256(wamid);
    }

    static byte[] bytes(JsonNode n) {
        try {
            return Messages.JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response error(int status, String code, String message) {
        ObjectNode e = Messages.JSON.createObjectNode().put("error", code).put("message", message);
        return Response.status(status).type("application/json; charset=utf-8").entity(bytes(e)).build();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
