package org.laporpredator.spi;

import java.util.Optional;
import org.laporpredator.links.Url;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Recognises links of one platform. Registered with service property {@link Modules#PLATFORM} and
 * the module properties. Implementations are pure, fast and thread-safe, and never fetch anything.
 */
@ConsumerType
public interface PlatformParser {

    /** The item this link is, or empty when the link is not this platform's. */
    Optional<ParsedItem> parse(Url url);

    /**
     * The link a redirect wrapper points to (e.g. {@code l.facebook.com/l.php?u=...}), as text, or
     * empty when this link is no wrapper of this platform. The registry parses the target instead.
     */
    default Optional<String> unwrap(Url url) {
        return Optional.empty();
    }

    /** True when this parser takes links of a scheme other than http(s), e.g. {@code tg}. */
    default boolean claimsScheme(String scheme) {
        return false;
    }
}
