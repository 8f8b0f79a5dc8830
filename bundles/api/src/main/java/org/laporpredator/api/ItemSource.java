package org.laporpredator.api;

/** Where in a report an item was found. */
public enum ItemSource {
    /** The report's list of links. */
    URLS,
    /** A link buried in the description's free text. */
    DESCRIPTION,
    /** A link, phone number or invite in an attached chat export. */
    CHAT
}
