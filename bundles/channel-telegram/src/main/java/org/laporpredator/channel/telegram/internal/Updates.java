package org.laporpredator.channel.telegram.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.laporpredator.conversation.Choice;
import org.laporpredator.conversation.Conversation;
import org.laporpredator.conversation.Incoming;
import org.laporpredator.conversation.Outgoing;

/** Bot API updates read, replies written: the shapes of https://core.telegram.org/bots/api. */
final class Updates {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Files Telegram announces; none is ever fetched (no getFile). */
    private static final List<String> MEDIA = List.of("photo", "video", "voice", "video_note", "audio", "document",
            "sticker", "animation");
    /** Telegram's longest message text. */
    static final int MAX_TEXT = 4096;

    /** One update as the conversation sees it; null fields when the update is of no concern (edits, joins). */
    record Update(long updateId, String chat, String user, String language, Incoming message, String callbackId) {
    }

    /** The update, or null when it carries nothing for the conversation. */
    static Update read(JsonNode u) {
        if (u == null || !u.isObject() || !u.path("update_id").canConvertToLong()) {
            throw new IllegalArgumentException("not an update");
        }
        long id = u.get("update_id").asLong();
        JsonNode cb = u.get("callback_query");
        if (cb != null && cb.isObject()) {
            JsonNode chat = cb.path("message").path("chat").path("id");
            String data = cb.path("data").asText(null);
            if (!chat.canConvertToLong() || data == null) {
                return new Update(id, null, null, null, null, cb.path("id").asText(null));
            }
            return new Update(id, String.valueOf(chat.asLong()), cb.path("from").path("id").asText(null),
                    language(cb.path("from").path("language_code").asText(null)), Incoming.choice(data), cb.path("id").asText(null));
        }
        JsonNode m = u.get("message");
        if (m == null || !m.isObject() || !m.path("chat").path("id").canConvertToLong()) {
            return new Update(id, null, null, null, null, null);
        }
        if (!"private".equals(m.path("chat").path("type").asText("private"))) {
            return new Update(id, null, null, null, null, null); // groups: the bot talks to one reporter at a time
        }
        String chat = String.valueOf(m.get("chat").get("id").asLong());
        String user = m.path("from").path("id").asText(null);
        String language = language(m.path("from").path("language_code").asText(null));
        for (String kind : MEDIA) {
            if (m.has(kind)) {
                return new Update(id, chat, user, language, Incoming.media(kind), null);
            }
        }
        String text = m.path("text").asText(null);
        if (text == null) {
            text = m.path("caption").asText(null);
        }
        if (text == null || text.isBlank()) {
            return new Update(id, null, null, null, null, null);
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        return new Update(id, chat, user, language, Incoming.text(text), null);
    }

    /** Telegram's language code (e.g. {@code zh-hans}) as one of ours, or null. */
    static String language(String code) {
        if (code == null) {
            return null;
        }
        String l = code.toLowerCase(Locale.ROOT);
        int dash = l.indexOf('-');
        l = dash > 0 ? l.substring(0, dash) : l;
        if (l.equals("id")) {
            l = "ms"; // Indonesian phones in Malaysia: Malay is the nearer
        }
        return Conversation.LANGUAGES.contains(l) ? l : null;
    }

    static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sendMessage body: the text, the choices as an inline keyboard (two a row when short). */
    static ObjectNode sendMessage(String chat, Outgoing o) {
        ObjectNode body = JSON.createObjectNode();
        body.put("chat_id", Long.parseLong(chat));
        body.put("text", o.text().length() > MAX_TEXT ? o.text().substring(0, MAX_TEXT) : o.text());
        body.put("disable_web_page_preview", true); // never a preview fetched of a reported link
        if (!o.choices().isEmpty()) {
            ArrayNode rows = body.putObject("reply_markup").putArray("inline_keyboard");
            ArrayNode row = null;
            for (Choice c : o.choices()) {
                boolean shortLabels = o.choices().size() > 3 && c.label().length() <= 14;
                if (row == null || !shortLabels || row.size() == 2) {
                    row = rows.addArray();
                }
                row.addObject().put("text", c.label()).put("callback_data", c.id());
            }
        }
        return body;
    }
}
