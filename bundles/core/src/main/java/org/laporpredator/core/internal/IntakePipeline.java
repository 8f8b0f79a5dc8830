package org.laporpredator.core.internal;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.laporpredator.api.IdempotencyKey;
import org.laporpredator.api.ItemSource;
import org.laporpredator.api.LinkRecognizer;
import org.laporpredator.api.NewItem;
import org.laporpredator.api.NewReport;
import org.laporpredator.api.RateLimiter;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReferenceIssuer;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.ReportStore;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;
import org.laporpredator.api.TooManySubmissions;
import org.laporpredator.chat.ChatExport;
import org.laporpredator.chat.ChatExportException;
import org.laporpredator.chat.ChatMessage;
import org.laporpredator.chat.PhoneNumbers;
import org.laporpredator.links.LinkFinder;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.spi.PlatformParser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/** media check → validate → parse every link → rate limit → store report, items and outbox in one transaction → receipt. */
@Component(service = {ReportIntake.class, LinkRecognizer.class}, configurationPid = IntakePipeline.PID)
@Designate(ocd = CoreConfig.class)
public class IntakePipeline implements ReportIntake, LinkRecognizer {

    public static final String PID = "org.laporpredator.core";

    private final ReportStore store;
    private final ReferenceIssuer references;
    private final ParserRegistry parsers = new ParserRegistry();
    private final Idempotency idempotency;
    private volatile Validator validator;
    private volatile MediaGuard media;
    private volatile RateLimiter limiter;
    private volatile int maxItems;

    @Activate
    public IntakePipeline(@Reference ReportStore store, @Reference ReferenceIssuer references, CoreConfig config) {
        this.store = store;
        this.references = references;
        this.idempotency = new Idempotency(store);
        modified(config);
    }

    @Modified
    void modified(CoreConfig config) {
        this.validator = Validator.of(config);
        this.media = new MediaGuard(config.maxEncodedRun());
        this.limiter = new RateLimiter(config.submissionsPerMinute(), config.submissionBurst(), System::nanoTime);
        this.maxItems = config.maxItems();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addParser(PlatformParser parser, Map<String, Object> properties) {
        parsers.add(parser, properties);
    }

    void removeParser(PlatformParser parser) {
        parsers.remove(parser);
    }

    /**
     * Media first, then the limits and the links; a retry under a known idempotency key answers the first
     * report's receipt; then the client's rate; then one transaction.
     */
    @Override
    public Receipt submit(Submission submission) {
        media.check(submission);
        Validator check = validator;
        List<Validator.Candidate> candidates = check.validate(submission, parsers::claimsScheme);
        Items items = new Items(maxItems);
        for (Validator.Candidate c : candidates) {
            items.add(c.input(), parsers.parse(c.url()), ItemSource.URLS, null);
        }
        if (submission.description() != null) {
            for (String text : LinkFinder.find(submission.description(), Integer.MAX_VALUE)) {
                Url url = check.found(text, parsers::claimsScheme);
                if (url != null) {
                    items.add(text, parsers.parse(url), ItemSource.DESCRIPTION, null);
                }
            }
        }
        if (submission.chatExport() != null && !submission.chatExport().isBlank()) {
            addChat(submission.chatExport(), check, items);
        }
        if (items.items.isEmpty()) {
            throw Validator.noLinks();
        }
        String contact = submission.anonymous() || submission.contact() == null || submission.contact().isBlank()
                ? null : submission.contact().strip();
        IdempotencyKey key = Idempotency.key(submission);
        NewReport report = new NewReport(submission.channel(), submission.category(), submission.platformHint(),
                blankToNull(submission.description()), Validator.language(submission.language()),
                submission.anonymous(), contact, items.items, key, submission.urgent());
        if (key == null) {
            return new Receipt(save(submission, report), ReportStatus.RECEIVED, items.receipt);
        }
        return new Receipt(idempotency.once(key, () -> save(submission, report)), ReportStatus.RECEIVED, items.receipt);
    }

    /** The links of a text, or of a chat export when the text is one; nothing stored, nothing fetched. */
    @Override
    public List<ReceiptItem> recognise(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Validator check = validator;
        Items items = new Items(maxItems);
        try {
            if (looksLikeExport(text)) {
                addChat(text, check, items);
                return List.copyOf(items.receipt);
            }
        } catch (SubmissionRejected e) {
            // not a chat export after all: its links as text
        }
        try {
            for (String found : LinkFinder.find(text, maxItems)) {
                Url url = check.found(found, parsers::claimsScheme);
                if (url != null) {
                    items.add(found, parsers.parse(url), ItemSource.DESCRIPTION, null);
                }
            }
        } catch (SubmissionRejected e) {
            // more than a report may hold: those found so far
        }
        return List.copyOf(items.receipt);
    }

    /** Two messages or more read as a WhatsApp export. */
    private static boolean looksLikeExport(String text) {
        if (text.indexOf('\n') < 0) {
            return false;
        }
        try {
            return ChatExport.read(text).size() >= 2;
        } catch (ChatExportException | RuntimeException e) {
            return false;
        }
    }

    private String save(Submission submission, NewReport report) {
        if (submission.client() != null) {
            long wait = limiter.acquire(submission.channel() + " " + submission.client());
            if (wait > 0) {
                throw new TooManySubmissions(wait);
            }
        }
        return store.save(report, references);
    }

    /** Links, invites and phone numbers of a chat export, each with its message's time. */
    private void addChat(String export, Validator check, Items items) {
        if (export.startsWith("PK\u0003\u0004")) {
            throw new SubmissionRejected("chat_export_archive", "Please export the chat without media and send the .txt"
                    + " file; .zip exports may contain images and are not accepted.");
        }
        List<ChatMessage> messages;
        try {
            messages = ChatExport.read(export);
        } catch (ChatExportException e) {
            throw new SubmissionRejected("invalid_chat_export", e.getMessage());
        }
        for (ChatMessage m : messages) {
            List<String> links = LinkFinder.find(m.text(), Integer.MAX_VALUE);
            for (String text : links) {
                Url url = check.found(text, parsers::claimsScheme);
                if (url != null) {
                    items.add(text, parsers.parse(url), ItemSource.CHAT, m.time());
                }
            }
            String rest = m.text();
            for (String link : links) {
                rest = rest.replace(link, " ");
            }
            List<String> phones = new ArrayList<>();
            if (m.sender() != null) {
                phones.addAll(PhoneNumbers.find(m.sender()));
            }
            phones.addAll(PhoneNumbers.find(rest));
            for (String phone : phones) {
                Url url = check.found("https://wa.me/" + phone.substring(1), parsers::claimsScheme);
                if (url != null) {
                    items.add(phone, parsers.parse(url), ItemSource.CHAT, m.time());
                }
            }
        }
    }

    /** A report's items, each once: the first shape of an item is kept. */
    private static final class Items {
        private final int max;
        private final Set<String> keys = new HashSet<>();
        final List<NewItem> items = new ArrayList<>();
        final List<ReceiptItem> receipt = new ArrayList<>();

        Items(int max) {
            this.max = max;
        }

        void add(String input, ParsedItem p, ItemSource source, LocalDateTime seenAt) {
            if (!keys.add(p.dedupKey())) {
                return;
            }
            if (items.size() >= max) {
                throw new SubmissionRejected("too_many_items", "A report can hold at most " + max
                        + " items, counting the links found in the description and chat. Please split it.");
            }
            items.add(new NewItem(input, p.platform(), p.kind(), p.identifiers(), p.canonicalUrl(), p.dedupKey(),
                    source, seenAt));
            receipt.add(new ReceiptItem(input, p.platform(), p.kind(), p.canonicalUrl(), source, seenAt));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
