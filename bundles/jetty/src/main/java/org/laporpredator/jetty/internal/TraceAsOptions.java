package org.laporpredator.jetty.internal;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Pax Web refuses TRACE before any filter runs, with an empty 405 and no Allow. This hands a TRACE request
 * on as OPTIONS, marked with {@value #MARK}, so that lapor-http answers it: 405 with the Allow of its path.
 * A customizer of the HTTP configuration in jetty.xml, the one Pax Web gives its connector.
 */
public class TraceAsOptions implements HttpConfiguration.Customizer {

    /** The request attribute lapor-http looks for. */
    public static final String MARK = "org.laporpredator.http.trace";

    @Override
    public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
        if ("TRACE".equals(request.getMethod())) {
            request.setAttribute(MARK, Boolean.TRUE);
            request.setMethod("OPTIONS");
        }
    }
}
