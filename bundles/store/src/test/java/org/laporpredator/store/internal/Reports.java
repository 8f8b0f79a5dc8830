package org.laporpredator.store.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.laporpredator.api.Category;
import org.laporpredator.api.NewItem;
import org.laporpredator.api.NewReport;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.ReferenceIssuer;
import org.laporpredator.api.ReferenceNumbers;

/** Test reports, items and issuers. */
final class Reports {

    private Reports() {
    }

    static NewItem item(String url) {
        return new NewItem(url, "WEBSITE", "WEB_PAGE", Map.of("host", "example", "path", "/x"), url, "web:" + url);
    }

    static NewReport report(boolean anonymous, String contact, NewItem... items) {
        return new NewReport("channel-web", Category.CSAM, PlatformHint.WEBSITE, "seen in a group chat", "ms",
                anonymous, contact, List.of(items));
    }

    /** Issues 0000001, 0000002, ... with check digits; safe across threads. */
    static final class Issuer implements ReferenceIssuer {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public String next() {
            return ReferenceNumbers.complete(String.format("%07d", next.getAndIncrement()));
        }
    }
}
