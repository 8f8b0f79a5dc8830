package org.laporpredator.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import org.laporpredator.links.Url;
import org.laporpredator.links.UrlException;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parsers currently registered. Platform parsers are asked first (highest service ranking
 * first); the generic website parser is the fallback; with none of them, a link is kept as an
 * unparsed LINK item. A parser that throws is skipped.
 */
final class ParserRegistry {

    static final String UNPARSED_KIND = "LINK";

    private static final Logger LOG = LoggerFactory.getLogger(ParserRegistry.class);

    record Entry(PlatformParser parser, String platform, int ranking) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing((Entry e) -> Modules.WEBSITE.equals(e.platform()))
            .thenComparing(Comparator.comparingInt(Entry::ranking).reversed());

    /** Sorted in asking order; replaced whole on every change. */
    private volatile List<Entry> entries = List.of();

    synchronized void add(PlatformParser parser, Map<String, ?> properties) {
        Object platform = properties.get(Modules.PLATFORM);
        Object ranking = properties.get("service.ranking");
        List<Entry> next = new ArrayList<>(entries);
        next.add(new Entry(parser, platform == null ? "?" : platform.toString(),
                ranking instanceof Integer ? (Integer) ranking : 0));
        next.sort(ORDER);
        entries = List.copyOf(next);
    }

    synchronized void remove(PlatformParser parser) {
        List<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.parser() == parser);
        entries = List.copyOf(next);
    }

    boolean claimsScheme(String scheme) {
        for (Entry e : entries) {
            try {
                if (e.parser().claimsScheme(scheme)) {
                    return true;
                }
            } catch (RuntimeException ex) {
                LOG.warn("Parser {} failed on claimsScheme: {}", e.platform(), ex.toString());
            }
        }
        return false;
    }

    /** Redirect wrappers inside wrappers are unwrapped this many times at most. */
    private static final int MAX_UNWRAP = 4;

    ParsedItem parse(Url url) {
        List<Entry> current = entries;
        Url target = url;
        for (int depth = 0; depth < MAX_UNWRAP; depth++) {
            Url next = unwrap(current, target);
            if (next == null) {
                break;
            }
            target = next;
        }
        for (Entry e : current) {
            try {
                Optional<ParsedItem> item = e.parser().parse(target);
                if (item != null && item.isPresent()) {
                    return item.get();
                }
            } catch (RuntimeException | StackOverflowError ex) {
                LOG.warn("Parser {} failed and was skipped: {}", e.platform(), ex.getClass().getName());
            }
        }
        String href = target.href();
        int hash = href.indexOf('#');
        return ParsedItem.of(Modules.WEBSITE, UNPARSED_KIND, Map.of("host", target.hostname()),
                hash < 0 ? href : href.substring(0, hash));
    }

    /** The link a wrapper points to, when some parser calls this link a wrapper and the target is a link we take. */
    private Url unwrap(List<Entry> current, Url url) {
        for (Entry e : current) {
            try {
                Optional<String> target = e.parser().unwrap(url);
                if (target != null && target.isPresent()) {
                    Url next = Url.parse(target.get());
                    String scheme = next.scheme().toLowerCase(Locale.ROOT);
                    if (scheme.equals("http") || scheme.equals("https") || claimsScheme(scheme)) {
                        return next;
                    }
                    return null;
                }
            } catch (UrlException ex) {
                return null;
            } catch (RuntimeException | StackOverflowError ex) {
                LOG.warn("Parser {} failed to unwrap and was skipped: {}", e.platform(), ex.getClass().getName());
            }
        }
        return null;
    }

    int size() {
        return entries.size();
    }
}
