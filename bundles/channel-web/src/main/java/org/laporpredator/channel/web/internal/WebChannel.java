package org.laporpredator.channel.web.internal;

import org.laporpredator.spi.IntakeChannel;
import org.laporpredator.spi.Modules;
import org.osgi.service.component.annotations.Component;

/**
 * The web channel as a module. Admins switch the channel off by disabling this component; the
 * resources then answer 503 instead of taking reports.
 */
@Component(service = IntakeChannel.class, property = {
    Modules.ID + "=" + WebChannel.MODULE_ID,
    Modules.KIND + "=" + Modules.CHANNEL,
    Modules.NAME + "=Web form and REST API"})
public class WebChannel implements IntakeChannel {

    public static final String MODULE_ID = "channel-web";

    /** LDAP filter for references to this channel. */
    static final String TARGET = "(" + Modules.ID + "=" + MODULE_ID + ")";

    @Override
    public String id() {
        return MODULE_ID;
    }
}
