package org.laporpredator.http.internal;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/** The headers every answer carries, set once even when a resource adds them again. */
final class Headers {

    static final String CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private static final Set<String> ONCE = Set.of("x-frame-options", "x-content-type-options", "cache-control",
            "content-security-policy", "referrer-policy");

    private Headers() {
    }

    /** No framing, no sniffing; for pages and API answers also no caching and no referrer. */
    static void secure(HttpServletResponse response, boolean noStore) {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
        if (noStore) {
            response.setHeader("Cache-Control", "no-store");
        }
    }

    /**
     * A response on which adding one of these headers replaces it rather than sending it twice, and whose
     * 405 carries the {@code Allow} of the path asked for.
     */
    static HttpServletResponse once(HttpServletResponse response, Supplier<String> allow) {
        return new HttpServletResponseWrapper(response) {
            private int status = 200;

            @Override
            public void setStatus(int sc) {
                status = sc;
                super.setStatus(sc);
            }

            private boolean isAllowOf405(String name) {
                return status == 405 && "allow".equalsIgnoreCase(name);
            }

            @Override
            public void addHeader(String name, String value) {
                if (ONCE.contains(name.toLowerCase(Locale.ROOT)) || isAllowOf405(name)) {
                    setHeader(name, value);
                } else {
                    super.addHeader(name, value);
                }
            }

            @Override
            public void setHeader(String name, String value) {
                if (isAllowOf405(name)) {
                    String ours = allow.get();
                    super.setHeader(name, ours.isEmpty() ? value : ours);
                } else {
                    super.setHeader(name, value);
                }
            }
        };
    }
}
