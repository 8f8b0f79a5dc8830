package org.laporpredator.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.laporpredator.spi.Link;
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

    ParsedItem parse(Link link) {
        for (Entry e : entries) {
            try {
                Optional<ParsedItem> item = e.parser().parse(link);
                if (item != null && item.isPresent()) {
                    return item.get();
                }
            } catch (RuntimeException | StackOverflowError ex) {
                LOG.warn("Parser {} failed and was skipped: {}", e.platform(), ex.getClass().getName());
            }
        }
        return ParsedItem.of(Modules.WEBSITE, UNPARSED_KIND, Map.of("host", link.host()), link.withoutFragment());
    }

    int size() {
        return entries.size();
    }
}
