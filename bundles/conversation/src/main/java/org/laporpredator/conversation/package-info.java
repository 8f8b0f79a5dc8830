/**
 * The reporting conversation that every chat channel carries (web chat, Telegram, WhatsApp): a channel
 * turns what its platform delivered into an {@link org.laporpredator.conversation.Incoming} and sends the
 * {@link org.laporpredator.conversation.Outgoing} messages back in its own way (buttons, lists, text).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.laporpredator.conversation;
