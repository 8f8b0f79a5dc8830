package org.laporpredator.api;

/** Where the reporter says they saw it (the form's select). A hint only: parsers decide the platform of each item. */
public enum PlatformHint {
    WEBSITE, FACEBOOK, MESSENGER, INSTAGRAM, WHATSAPP, TELEGRAM, WECHAT, TIKTOK, X, YOUTUBE, DISCORD, EMAIL, CHATROOM, OTHER
}
