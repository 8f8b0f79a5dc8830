package org.laporpredator.spi;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Recognises links of one platform. Registered with service property {@link Modules#PLATFORM}.
 * Implementations are pure, fast and thread-safe, and never fetch anything.
 */
@ConsumerType
public interface PlatformParser {

    /** The item this link is, or empty when the link is not this platform's. */
    Optional<ParsedItem> parse(Link link);

    /** True when this parser takes links of a scheme other than http(s), e.g. {@code tg}. */
    default boolean claimsScheme(String scheme) {
        return false;
    }
}
