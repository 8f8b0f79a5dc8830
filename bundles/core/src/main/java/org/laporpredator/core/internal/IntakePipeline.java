package org.laporpredator.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.laporpredator.api.NewItem;
import org.laporpredator.api.NewReport;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReferenceIssuer;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.ReportStore;
import org.laporpredator.api.Submission;
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

/** validate → parse every link → store report, items and outbox in one transaction → receipt. */
@Component(service = ReportIntake.class, configurationPid = IntakePipeline.PID)
@Designate(ocd = CoreConfig.class)
public class IntakePipeline implements ReportIntake {

    public static final String PID = "org.laporpredator.core";

    private final ReportStore store;
    private final ReferenceIssuer references;
    private final ParserRegistry parsers = new ParserRegistry();
    private volatile Validator validator;

    @Activate
    public IntakePipeline(@Reference ReportStore store, @Reference ReferenceIssuer references, CoreConfig config) {
        this.store = store;
        this.references = references;
        this.validator = Validator.of(config);
    }

    @Modified
    void modified(CoreConfig config) {
        this.validator = Validator.of(config);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addParser(PlatformParser parser, Map<String, Object> properties) {
        parsers.add(parser, properties);
    }

    void removeParser(PlatformParser parser) {
        parsers.remove(parser);
    }

    @Override
    public Receipt submit(Submission submission) {
        List<Validator.Candidate> candidates = validator.validate(submission, parsers::claimsScheme);
        List<NewItem> items = new ArrayList<>(candidates.size());
        List<ReceiptItem> receiptItems = new ArrayList<>(candidates.size());
        for (Validator.Candidate c : candidates) {
            ParsedItem p = parsers.parse(c.url());
            items.add(new NewItem(c.input(), p.platform(), p.kind(), p.identifiers(), p.canonicalUrl(), p.dedupKey()));
            receiptItems.add(new ReceiptItem(c.input(), p.platform(), p.kind(), p.canonicalUrl()));
        }
        String contact = submission.anonymous() || submission.contact() == null || submission.contact().isBlank()
                ? null : submission.contact().strip();
        NewReport report = new NewReport(submission.channel(), submission.category(), submission.platformHint(),
                blankToNull(submission.description()), Validator.language(submission.language()),
                submission.anonymous(), contact, items);
        String reference = store.save(report, references);
        return new Receipt(reference, ReportStatus.RECEIVED, receiptItems);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
