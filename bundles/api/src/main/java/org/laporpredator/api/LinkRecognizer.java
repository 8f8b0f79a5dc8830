package org.laporpredator.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the intake would make of a text, without storing anything: the links in it (defanged too), and for a
 * WhatsApp chat export its links, invites and phone numbers, each as the platform's parser names it. Chat
 * channels use it to tell a reporter what was recognised before the report is sent.
 */
@ProviderType
public interface LinkRecognizer {

    /** The items found, each once, in the order found; empty when none. Never fetches a link. */
    List<ReceiptItem> recognise(String text);
}
