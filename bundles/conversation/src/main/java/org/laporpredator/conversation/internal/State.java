package org.laporpredator.conversation.internal;

import java.util.ArrayList;
import java.util.List;

/** Where one chat's conversation stands; stored as JSON between messages. Never the chat's id. */
final class State {

    enum Step { LANGUAGE, DANGER, WHO, CATEGORY, PLATFORM, LINKS, DETAILS, CONTACT, CONFIRM, DONE }

    public Step step = Step.LANGUAGE;
    public String language = "ms";
    /** A child is in danger right now. */
    public boolean urgent;
    /** The reporter says it is happening to them. */
    public boolean self;
    public String category;
    public String platform;
    /** The links as typed, each recognised. */
    public List<String> links = new ArrayList<>();
    /** A chat export pasted as text, or null. */
    public String chatExport;
    public String description;
    public boolean contact;
    /** Files the reporter tried to send, refused unread. */
    public int refused;
    /** When this report's conversation began (epoch ms): with the chat, the report's idempotency key. */
    public long startedAt;
    /** The step to go back to once the language is changed mid-way, or null. */
    public Step resume;
    /** The last report's reference, once committed. */
    public String reference;

    static State fresh(String language, long now) {
        State s = new State();
        s.language = language;
        s.startedAt = now;
        return s;
    }
}
