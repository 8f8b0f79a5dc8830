package org.laporpredator.mail.internal;

import java.util.Locale;

/** How the connection to the SMTP server is protected. */
enum Security {
    /** Plain SMTP: only to a server on this machine (a local relay). */
    NONE(25),
    /** STARTTLS, required: a server that does not offer it gets no mail. */
    STARTTLS(587),
    /** TLS from the first byte (implicit TLS, RFC 8314). */
    SMTPS(465);

    final int defaultPort;

    Security(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The setting's value, or null when it is none of them. */
    static Security parse(String value) {
        if (value == null || value.isBlank()) {
            return STARTTLS;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
