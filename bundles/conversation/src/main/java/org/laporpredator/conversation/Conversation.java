package org.laporpredator.conversation;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The reporting conversation: one per chat, kept in the store between messages (24 hours idle at most), so
 * that a restart loses nothing. A report is committed before its reference is shown.
 */
@ProviderType
public interface Conversation {

    /** Languages the conversation speaks. */
    List<String> LANGUAGES = List.of("ms", "en", "zh", "ta");

    /**
     * Handles one message of a chat and answers it.
     *
     * @param channel   the channel module's id, e.g. {@code channel-telegram}
     * @param chat      the chat's id on that platform (kept only encrypted, and as a hash)
     * @param messageId the platform's id of this message; a message delivered again answers nothing; null: no check
     * @param language  the language to start in when the chat is new (null: the reporter is asked)
     * @param client    an opaque key of the sender for the submission limit (e.g. the web chat's address group);
     *                  null: the chat itself, hashed
     * @return what to send back, in order; empty for a message seen before
     */
    List<Outgoing> receive(String channel, String chat, String messageId, String language, String client,
            Incoming message);
}
