package org.laporpredator.spi;

/** What kind of thing an item is. */
public final class Kinds {
    public static final String PROFILE = "PROFILE";
    public static final String PAGE = "PAGE";
    public static final String GROUP = "GROUP";
    public static final String POST = "POST";
    public static final String PHOTO = "PHOTO";
    public static final String VIDEO = "VIDEO";
    public static final String STORY = "STORY";
    public static final String REEL = "REEL";
    public static final String MESSAGE = "MESSAGE";
    public static final String CHANNEL = "CHANNEL";
    public static final String INVITE_LINK = "INVITE_LINK";
    public static final String PHONE_NUMBER = "PHONE_NUMBER";
    /** A short link that was not followed: what it points to is unknown. */
    public static final String SHORT_LINK = "SHORT_LINK";
    public static final String WEB_PAGE = "WEB_PAGE";

    private Kinds() {
    }
}
