package org.laporpredator.channel.email.internal;

import java.util.List;
import org.laporpredator.api.Category;

/**
 * What one email says, read without opening any attachment but a {@code .txt} chat export.
 *
 * @param messageId      the Message-ID without its angle brackets, or null
 * @param sender         From's address, lower case, or null
 * @param replyTo        where a reply goes: Reply-To, else the sender; or null
 * @param subject        decoded, one line ("" when none)
 * @param text           the plain and HTML parts as text, forwarded messages and quotes included, capped
 * @param links          link targets behind the HTML that the text does not show
 * @param chatExport     the first {@code .txt} attachment's text, or null
 * @param attachments    every other attachment, hashed
 * @param category       from the subject, else the text; OTHER when neither says
 * @param anonymous      the subject asks for it
 * @param language       {@code en} or {@code ms}
 * @param noReplyReason  why no automatic reply may go (RFC 3834 and the like), or null
 * @param isBounce       a delivery report or a mailer daemon's message
 * @param inReplyToOurs  In-Reply-To or References names one of our automatic replies
 */
record ReadMessage(String messageId, String sender, String replyTo, String subject, String text, List<String> links,
        String chatExport, List<AttachmentFacts> attachments, Category category, boolean anonymous, String language,
        String noReplyReason, boolean isBounce, boolean inReplyToOurs) {

    ReadMessage {
        links = List.copyOf(links);
        attachments = List.copyOf(attachments);
    }

    /** The same message, its chat export taken as a plain attachment (it was not one). */
    ReadMessage withoutChatExport(AttachmentFacts asAttachment) {
        List<AttachmentFacts> more = new java.util.ArrayList<>(attachments);
        more.add(asAttachment);
        return new ReadMessage(messageId, sender, replyTo, subject, text, links, null, more, category, anonymous,
                language, noReplyReason, isBounce, inReplyToOurs);
    }
}
