package ${package};

import java.util.List;
import org.laporpredator.api.Category;

/**
 * A report as the channel's transport received it, before the platform validates it.
 *
 * @param links          the links as the reporter gave them, one entry each
 * @param category       what the report is about
 * @param description    free text, or null
 * @param contact        how to reach the reporter, or null for an anonymous report; never logged
 * @param language       {@code ms} or {@code en}, or null for the channel's default
 * @param urgent         the reporter says a child is in danger right now
 * @param sender         an opaque key of the sender for the platform's per-client limits (e.g. the
 *                       transport's account id), or null; never stored or logged
 * @param idempotencyKey the sender's key for retries of this message, or null
 */
public record Message(List<String> links, Category category, String description, String contact, String language,
        boolean urgent, String sender, String idempotencyKey) {

    public Message {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** An anonymous, not urgent report of these links. */
    public static Message of(Category category, String... links) {
        return new Message(List.of(links), category, null, null, null, false, null, null);
    }
}
