package org.laporpredator.channel.email.internal;

/** A message that gives nothing readable; the reason never holds an address or content. */
final class UnreadableMessage extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableMessage(String reason) {
        super(reason, null, false, false);
    }
}
