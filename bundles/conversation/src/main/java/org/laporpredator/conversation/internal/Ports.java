package org.laporpredator.conversation.internal;

import java.util.List;
import java.util.Optional;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.api.Submission;

/** What the conversation asks of the platform. */
interface Ports {

    /** The items the platform recognises in a text (links, defanged links, invites, a chat export's). */
    List<ReceiptItem> recognise(String text);

    /** Submits the report; the receipt only after it is committed. */
    Receipt submit(Submission submission);

    /** The status of a well-formed reference. */
    Optional<StatusRecord> status(String reference, String client);

    /** Whether the channel can write to a reporter first (a status update); if not, contact is not offered. */
    default boolean reaches(String channel) {
        return true;
    }
}
