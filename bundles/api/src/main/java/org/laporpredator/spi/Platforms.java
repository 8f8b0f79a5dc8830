package org.laporpredator.spi;

/** Platform ids, the values of {@link Modules#PLATFORM} and of an item's platform. */
public final class Platforms {
    public static final String FACEBOOK = "FACEBOOK";
    public static final String MESSENGER = "MESSENGER";
    public static final String INSTAGRAM = "INSTAGRAM";
    public static final String WHATSAPP = "WHATSAPP";
    public static final String TELEGRAM = "TELEGRAM";
    public static final String WECHAT = "WECHAT";
    public static final String TIKTOK = "TIKTOK";
    public static final String X = "X";
    public static final String YOUTUBE = "YOUTUBE";
    public static final String DISCORD = "DISCORD";
    public static final String WEBSITE = Modules.WEBSITE;

    private Platforms() {
    }
}
