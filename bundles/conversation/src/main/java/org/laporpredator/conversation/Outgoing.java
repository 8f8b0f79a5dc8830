package org.laporpredator.conversation;

import java.util.List;

/** One message to the reporter: its text and the choices offered with it (none: free text is awaited). */
public record Outgoing(String text, List<Choice> choices) {

    public Outgoing {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public Outgoing(String text) {
        this(text, List.of());
    }
}
