package org.laporpredator.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keys of the clients behind HTTP requests, for per-client limits, with the deployment's trusted proxies
 * (see {@link ClientAddresses}). The core offers it; channels and status lookups use it.
 */
@ProviderType
public interface Clients {

    /**
     * @param remoteAddress the connection's peer address
     * @param forwarded     the request's {@code Forwarded} headers
     * @param forwardedFor  the request's {@code X-Forwarded-For} headers
     */
    String client(String remoteAddress, List<String> forwarded, List<String> forwardedFor);
}
