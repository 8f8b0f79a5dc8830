package org.laporpredator.core.internal;

import java.util.List;
import org.laporpredator.api.ClientAddresses;
import org.laporpredator.api.Clients;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/** The clients behind requests, with the trusted proxies of {@code org.laporpredator.core}. */
@Component(service = Clients.class, configurationPid = IntakePipeline.PID)
public class ClientKeys implements Clients {

    private static final System.Logger LOG = System.getLogger(ClientKeys.class.getName());

    private volatile ClientAddresses addresses = ClientAddresses.DIRECT;

    @Activate
    public ClientKeys(CoreConfig config) {
        modified(config);
    }

    @Modified
    void modified(CoreConfig config) {
        try {
            addresses = ClientAddresses.trusting(config.trustedProxies());
        } catch (IllegalArgumentException e) {
            // fail safe: believe no forwarding header rather than a wrong one
            LOG.log(System.Logger.Level.ERROR, "trustedProxies in " + IntakePipeline.PID + " is wrong (" + e.getMessage()
                    + "); no proxy is trusted until it is fixed");
            addresses = ClientAddresses.DIRECT;
        }
    }

    @Override
    public String client(String remoteAddress, List<String> forwarded, List<String> forwardedFor) {
        return addresses.client(remoteAddress, forwarded, forwardedFor);
    }
}
