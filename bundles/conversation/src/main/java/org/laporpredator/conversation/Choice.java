package org.laporpredator.conversation;

/** A button or list row: its id comes back as {@link Incoming#choice()}; its label is in the reporter's language. */
public record Choice(String id, String label) {
}
