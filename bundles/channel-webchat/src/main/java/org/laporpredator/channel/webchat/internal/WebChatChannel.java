package org.laporpredator.channel.webchat.internal;

import org.laporpredator.spi.IntakeChannel;
import org.laporpredator.spi.Modules;
import org.osgi.service.component.annotations.Component;

/** The web chat as a module: switched off, its resource answers 503 and nothing else changes. */
@Component(service = IntakeChannel.class, property = {
    Modules.ID + "=" + WebChatChannel.MODULE_ID,
    Modules.KIND + "=" + Modules.CHANNEL,
    Modules.NAME + "=Web chat"})
public class WebChatChannel implements IntakeChannel {

    public static final String MODULE_ID = "channel-webchat";
    static final String TARGET = "(" + Modules.ID + "=" + MODULE_ID + ")";

    @Override
    public String id() {
        return MODULE_ID;
    }
}
