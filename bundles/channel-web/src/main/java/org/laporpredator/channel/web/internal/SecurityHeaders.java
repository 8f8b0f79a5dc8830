package org.laporpredator.channel.web.internal;

import javax.ws.rs.core.Response;

/** The headers of every HTML page: no framing, no sniffing, no referrer, no caching, scripts from here only. */
final class SecurityHeaders {

    static final String CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private SecurityHeaders() {
    }

    static Response.ResponseBuilder page(Response.ResponseBuilder b) {
        return b.header("Content-Security-Policy", CSP)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
    }
}
