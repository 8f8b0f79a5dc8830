package org.laporpredator.conversation;

import java.time.Instant;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A chat channel's way to write to a reporter first, e.g. when their report's status changes and they agreed
 * to be contacted in the chat. Registered by the channel with its {@code lapor.module.id} service property
 * (e.g. {@code channel-telegram}), the channel the report came through.
 */
@ConsumerType
public interface ChatOutbox {

    /**
     * Sends one message to a chat.
     *
     * @param chat      the chat's id on the platform, as the channel gave it to {@link Conversation#receive}
     * @param lastHeard when the reporter last wrote in the chat (within the last day), or null when longer ago
     * @return null when it was sent or queued; else why the platform does not allow it (e.g. outside
     *         WhatsApp's 24-hour window): it is not tried again
     * @throws IllegalStateException when it cannot go out now but may later (not configured, too many waiting)
     */
    String send(String chat, Instant lastHeard, Outgoing message);
}
