package org.laporpredator.chat;

import java.time.LocalDateTime;

/**
 * One message of a chat export.
 *
 * @param time   the local time the export shows (exports carry no time zone)
 * @param sender the name or phone number shown for the sender, or null for system lines
 * @param text   the message text; lines of a multi-line message are joined with {@code \n}
 */
public record ChatMessage(LocalDateTime time, String sender, String text) {
}
