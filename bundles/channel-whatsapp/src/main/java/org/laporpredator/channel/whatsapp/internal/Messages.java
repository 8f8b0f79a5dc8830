package org.laporpredator.channel.whatsapp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.laporpredator.conversation.Choice;
import org.laporpredator.conversation.Incoming;
import org.laporpredator.conversation.Outgoing;

/**
 * Cloud API webhook calls read, replies written: the shapes of developers.facebook.com/docs/whatsapp
 * (webhooks/reference/messages, messages API). A reply of up to three short choices is a message with reply
 * buttons; more, a list (ten rows a list, so eleven choices are two lists).
 */
final class Messages {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Files WhatsApp announces; none is ever fetched (no media download). */
    private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker", "location", "contacts");
    static final int MAX_TEXT = 4096;
    static final int MAX_BODY = 1024;
    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_ROWS = 10;
    static final int MAX_ROW_TITLE = 24;
    static final int MAX_ROW_DESCRIPTION = 72;

    /** One message as the conversation sees it: its id, the sender's WhatsApp id, what was said. */
    record Message(String id, String from, Incoming incoming) {
    }

    /**
     * The messages for the business number {@code phoneNumberId} in one webhook call (none for status
     * updates, reactions and other numbers' calls).
     *
     * @throws IllegalArgumentException when the body is not a WhatsApp Business Account webhook call
     */
    static List<Message> read(JsonNode body, String phoneNumberId) {
        if (body == null || !body.isObject() || !"whatsapp_business_account".equals(body.path("object").asText())
                || !body.path("entry").isArray()) {
            throw new IllegalArgumentException("not a WhatsApp webhook call");
        }
        List<Message> out = new ArrayList<>();
        for (JsonNode entry : body.get("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                if (!"messages".equals(change.path("field").asText())
                        || !phoneNumberId.equals(value.path("metadata").path("phone_number_id").asText())) {
                    continue;
                }
                for (JsonNode m : value.path("messages")) {
                    Message read = message(m, value.path("contacts"));
                    if (read != null) {
                        out.add(read);
                    }
                }
            }
        }
        return out;
    }

    private static Message message(JsonNode m, JsonNode contacts) {
        String id = m.path("id").asText("");
        String from = m.path("from").asText("");
        if (from.isEmpty() && contacts.size() == 1) {
            from = contacts.get(0).path("user_id").asText(""); // a business-scoped user id where the number is hidden
        }
        if (id.isEmpty() || from.isEmpty() || from.length() > 128 || id.length() > 512) {
            return null;
        }
        String type = m.path("type").asText("");
        Incoming in = null;
        if (MEDIA.contains(type)) {
            boolean voice = type.equals("audio") && m.path("audio").path("voice").asBoolean(false);
            in = Incoming.media(voice ? "voice" : type);
        } else if (type.equals("text")) {
            in = text(m.path("text").path("body").asText(null));
        } else if (type.equals("interactive")) {
            JsonNode i = m.path("interactive");
            String chosen = i.path(i.path("type").asText("")).path("id").asText(null); // button_reply or list_reply
            in = chosen == null || chosen.isEmpty() ? null : Incoming.choice(chosen);
        } else if (type.equals("button")) {
            String payload = m.path("button").path("payload").asText("");
            in = payload.isEmpty() ? text(m.path("button").path("text").asText(null)) : Incoming.choice(payload);
        }
        return in == null ? null : new Message(id, from, in);
    }

    private static Incoming text(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Incoming.text(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
    }

    /** The Cloud API messages that carry one reply to {@code to}. */
    static List<ObjectNode> replies(String to, Outgoing o) {
        List<ObjectNode> out = new ArrayList<>();
        List<Choice> choices = o.choices();
        if (choices.isEmpty()) {
            out.add(text(to, o.text()));
            return out;
        }
        String menu = cut(o.menu() == null || o.menu().isBlank() ? "☰" : o.menu(), MAX_BUTTON_TITLE);
        String body = o.text();
        if (body.length() > MAX_BODY) {
            out.add(text(to, body)); // too long for an interactive body: said in full, the choices after it
            body = menu;
        }
        boolean buttons = choices.size() <= MAX_BUTTONS
                && choices.stream().allMatch(c -> c.label().length() <= MAX_BUTTON_TITLE);
        if (buttons) {
            ObjectNode msg = message(to, "interactive");
            ObjectNode i = msg.putObject("interactive").put("type", "button");
            i.putObject("body").put("text", body);
            ArrayNode b = i.putObject("action").putArray("buttons");
            for (Choice c : choices) {
                b.addObject().put("type", "reply").putObject("reply").put("id", c.id()).put("title", c.label());
            }
            out.add(msg);
            return out;
        }
        for (int from = 0; from < choices.size(); from += MAX_ROWS) {
            ObjectNode msg = message(to, "interactive");
            ObjectNode i = msg.putObject("interactive").put("type", "list");
            i.putObject("body").put("text", from == 0 ? body : menu);
            ObjectNode action = i.putObject("action").put("button", menu);
            ArrayNode rows = action.putArray("sections").addObject().putArray("rows");
            for (Choice c : choices.subList(from, Math.min(choices.size(), from + MAX_ROWS))) {
                ObjectNode row = rows.addObject().put("id", c.id()).put("title", cut(c.label(), MAX_ROW_TITLE));
                if (c.label().length() > MAX_ROW_TITLE) {
                    row.put("description", cut(c.label(), MAX_ROW_DESCRIPTION));
                }
            }
            out.add(msg);
        }
        return out;
    }

    private static ObjectNode text(String to, String text) {
        ObjectNode msg = message(to, "text");
        msg.putObject("text").put("preview_url", false).put("body", cut(text, MAX_TEXT)); // never a preview of a reported link
        return msg;
    }

    private static ObjectNode message(String to, String type) {
        return JSON.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", type);
    }

    /** At most {@code max} characters (code points kept whole), an ellipsis at the end when cut. */
    static String cut(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
