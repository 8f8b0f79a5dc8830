package ${package};

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;
import org.laporpredator.api.TooManySubmissions;
import org.laporpredator.spi.IntakeChannel;
import org.laporpredator.spi.ModuleHealth;
import org.laporpredator.spi.Modules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Intake channel {@code ${moduleId}}: what its transport receives (a webhook, a mailbox, a chat bot: the part
 * you add, which calls {@link Channel} as a service) becomes a report through {@link ReportIntake}. Registered as
 * an {@link IntakeChannel} so admins see it; while it is registered it takes reports. Admins switch it off by
 * disabling the module: the service goes away and the transport answers that it is unavailable (HTTP 503).
 *
 * <p>What {@link #submit} throws tells the transport what to answer: {@link SubmissionRejected} (the input is
 * wrong, nothing stored: 400 with its code), {@link TooManySubmissions} (429 with its retry-after),
 * {@link ServiceUnavailable} (503: try again later). Never log a message's contact, description or links.
 *
 * <p>Thread-safe: transports may submit from several threads at once.
 */
@Component(service = {IntakeChannel.class, ModuleHealth.class, Channel.class}, immediate = true,
        configurationPid = Channel.PID, property = {
            Modules.ID + "=" + Channel.MODULE_ID,
            Modules.KIND + "=" + Modules.CHANNEL,
            Modules.NAME + "=Channel ${moduleId}"
        })
@Designate(ocd = ChannelConfig.class)
public class Channel implements IntakeChannel, ModuleHealth {

    public static final String MODULE_ID = "${moduleId}";
    public static final String PID = "${package}";

    /** What the configuration says, checked once; replaced whole when it changes. */
    private record Settings(byte[] token, String language, int maxLinks, String problem) {

        static Settings of(String token, String language, int maxLinks) {
            String t = token == null ? "" : token.strip();
            String l = "en".equals(language == null ? null : language.strip()) ? "en" : "ms";
            int max = maxLinks >= 1 && maxLinks <= 100 ? maxLinks : 20;
            return new Settings(t.getBytes(StandardCharsets.UTF_8), l, max,
                    t.isEmpty() ? "no token configured" : null);
        }
    }

    private final ReportIntake intake;
    private volatile Settings settings;

    @Activate
    public Channel(@Reference ReportIntake intake, ChannelConfig config) {
        this(intake, config._token(), config.language(), config.maxLinks());
    }

    /** For tests and for use without DS. */
    public Channel(ReportIntake intake, String token, String language, int maxLinks) {
        this.intake = intake;
        this.settings = Settings.of(token, language, maxLinks);
    }

    @Modified
    void modified(ChannelConfig config) {
        settings = Settings.of(config._token(), config.language(), config.maxLinks());
    }

    @Override
    public String id() {
        return MODULE_ID;
    }

    @Override
    public String problem() {
        return settings.problem();
    }

    /** Whether a sender presenting this secret may submit; compared in constant time. Never with no token set. */
    public boolean accepts(String presented) {
        Settings s = settings;
        return s.problem() == null && presented != null
                && MessageDigest.isEqual(s.token(), presented.strip().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Submits a report; returns once the platform committed it, with its reference number for the reporter.
     *
     * @throws SubmissionRejected  when the message is wrong (no link, too many, no category); nothing is stored
     * @throws TooManySubmissions  when this sender sent too many reports in a short time; nothing is stored
     * @throws ServiceUnavailable  when the report cannot be taken now (not configured, store down); nothing is stored
     */
    public Receipt submit(Message message) {
        Settings s = settings;
        if (s.problem() != null) {
            throw new ServiceUnavailable("channel " + MODULE_ID + " is not configured: " + s.problem());
        }
        if (message.links().size() > s.maxLinks()) {
            throw new SubmissionRejected("too-many-links", "Send at most " + s.maxLinks() + " links in one report.");
        }
        boolean anonymous = message.contact() == null || message.contact().isBlank();
        String language = "en".equals(message.language()) || "ms".equals(message.language()) ? message.language()
                : s.language();
        Submission submission = new Submission(MODULE_ID, null, message.links(), message.category(),
                message.description(), anonymous, anonymous ? null : message.contact().strip(), language, null,
                message.sender(), message.idempotencyKey(), message.urgent());
        return intake.submit(submission);
    }
}
