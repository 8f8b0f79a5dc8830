package org.laporpredator.conversation;

import java.util.List;

/**
 * One message to the reporter: its text and the choices offered with it (none: free text is awaited).
 *
 * @param menu a short label, in the reporter's language, for a button that opens the choices as a list
 *             (WhatsApp's lists), or null
 */
public record Outgoing(String text, List<Choice> choices, String menu) {

    public Outgoing {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public Outgoing(String text, List<Choice> choices) {
        this(text, choices, null);
    }

    public Outgoing(String text) {
        this(text, List.of(), null);
    }
}
