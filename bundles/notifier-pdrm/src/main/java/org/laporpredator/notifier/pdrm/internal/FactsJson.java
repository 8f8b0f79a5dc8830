package org.laporpredator.notifier.pdrm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.laporpredator.mail.partner.Facts;
import org.laporpredator.mail.partner.Words;
import org.laporpredator.spi.Events;

/**
 * The JSON attachment: the event's facts, reshaped to read well (what, where, when, classification, with
 * the descriptions in both languages), from the fields {@link Facts} knows only. Links as they are (the
 * mail's text defangs them), so that they can be copied into an investigation tool.
 */
final class FactsJson {

    static final String MEDIA_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FactsJson() {
    }

    static byte[] of(Facts f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("source", "Lapor Predator");
        o.put("marking", "TLP:RED");
        ObjectNode event = o.putObject("event");
        event.put("type", f.type());
        event.put("id", f.event().id());
        event.put("idempotencyKey", f.event().idempotencyKey());
        event.put("at", string(f.at()));
        o.put("reference", f.reference());
        switch (f.type()) {
            case Events.REPORT_RECEIVED -> {
                o.put("urgent", f.urgent());
                if (f.urgent()) {
                    o.put("urgentNote", "The reporter says a child may be in danger now. / Pelapor menyatakan"
                            + " kanak-kanak mungkin dalam bahaya sekarang.");
                }
                o.put("receivedAt", string(f.at()));
                o.put("category", f.category());
                o.set("categoryDescription", both(Words.category(f.category(), false), Words.category(f.category(), true)));
                o.put("reportLanguage", f.language());
                o.put("platformHint", f.platformHint());
                links(o, f);
            }
            case Events.ITEM_CLASSIFIED, Events.ITEM_REMOVED -> {
                o.put("itemId", f.itemId());
                o.put("classification", f.classification());
                o.set("classificationDescription",
                        both(Words.classification(f.classification(), false), Words.classification(f.classification(), true)));
                o.put("decidedAt", string(f.at()));
                o.put("removed", Boolean.TRUE.equals(f.removed()));
                o.put("removedAt", string(f.removedAt()));
                ArrayNode refs = o.putArray("reportsNamingTheLink");
                f.references().forEach(refs::add);
                links(o, f);
            }
            case Events.REPORT_STATUS_CHANGED -> {
                ObjectNode s = o.putObject("status");
                s.put("from", f.fromStatus());
                s.put("to", f.toStatus());
                s.put("changedAt", string(f.at()));
            }
            default -> {
                // Facts knows no other type
            }
        }
        try {
            return JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void links(ObjectNode o, Facts f) {
        ArrayNode links = o.putArray("links");
        for (Facts.Link l : f.links()) {
            ObjectNode n = links.addObject();
            n.put("platform", l.platform());
            n.put("kind", l.kind());
            n.put("url", l.url());
            ObjectNode ids = n.putObject("identifiers");
            l.identifiers().forEach(ids::put);
        }
    }

    private static ObjectNode both(String en, String ms) {
        ObjectNode n = JSON.createObjectNode();
        n.put("en", en);
        n.put("ms", ms);
        return n;
    }

    private static String string(Instant t) {
        return t == null ? null : t.toString();
    }
}
