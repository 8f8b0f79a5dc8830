package org.laporpredator.conversation;

/**
 * One message from a reporter: text they typed, or a choice (a button's id), or a file the platform
 * announced (photo, video, voice note, document), which is never downloaded: only its kind is said here.
 *
 * @param text   what was typed, or null
 * @param choice the id of the button or list row chosen, or null
 * @param media  the kind of file sent instead (e.g. {@code photo}), or null
 */
public record Incoming(String text, String choice, String media) {

    public static Incoming text(String text) {
        return new Incoming(text, null, null);
    }

    public static Incoming choice(String id) {
        return new Incoming(null, id, null);
    }

    public static Incoming media(String kind) {
        return new Incoming(null, null, kind);
    }
}
