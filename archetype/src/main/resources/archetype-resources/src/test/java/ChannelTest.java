package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.laporpredator.api.Category;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;
import org.laporpredator.plugin.testing.ModuleComponents;
import org.laporpredator.plugin.testing.RecordingIntake;
import org.laporpredator.spi.Modules;

public class ChannelTest {

    private final RecordingIntake intake = new RecordingIntake();
    private final Channel channel = new Channel(intake, "s3cret", "ms", 3);

    @Test
    public void submitsAMessageAsAReportOfThisChannel() {
        Receipt receipt = channel.submit(new Message(List.of("https://example.com/a", "example.com/b"),
                Category.GROOMING, "seen in a group", "reporter@example.org", "en", true, "account-1", "key-1"));
        assertEquals(1, intake.submissions().size());
        assertEquals(intake.receipts().get(0).reference(), receipt.reference());

        Submission s = intake.submissions().get(0);
        assertEquals("${moduleId}", s.channel());
        assertEquals(List.of("https://example.com/a", "example.com/b"), s.urls());
        assertEquals(Category.GROOMING, s.category());
        assertFalse(s.anonymous());
        assertEquals("reporter@example.org", s.contact());
        assertEquals("en", s.language());
        assertTrue(s.urgent());
        assertEquals("account-1", s.client());
        assertEquals("key-1", s.idempotencyKey());
    }

    @Test
    public void withoutAContactTheReportIsAnonymousInTheDefaultLanguage() {
        channel.submit(Message.of(Category.CSAM, "https://example.com/a"));
        Submission s = intake.submissions().get(0);
        assertTrue(s.anonymous());
        assertNull(s.contact());
        assertEquals("ms", s.language());
        assertFalse(s.urgent());
    }

    @Test
    public void whatThePlatformThrowsReachesTheTransport() {
        intake.failNext(new ServiceUnavailable("store down"));
        assertThrows(ServiceUnavailable.class, () -> channel.submit(Message.of(Category.CSAM, "https://example.com/a")));
        intake.failNext(new SubmissionRejected("no-links", "Give at least one link."));
        SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> channel.submit(Message.of(Category.CSAM)));
        assertEquals("no-links", e.code());
        assertTrue(intake.submissions().isEmpty());
    }

    @Test
    public void tooManyLinksAreRejectedHere() {
        SubmissionRejected e = assertThrows(SubmissionRejected.class, () -> channel.submit(
                Message.of(Category.OTHER, "https://example.com/1", "https://example.com/2", "https://example.com/3",
                        "https://example.com/4")));
        assertEquals("too-many-links", e.code());
        assertTrue(intake.submissions().isEmpty());
    }

    @Test
    public void onlyTheSharedSecretIsAccepted() {
        assertTrue(channel.accepts("s3cret"));
        assertFalse(channel.accepts("other"));
        assertFalse(channel.accepts(null));
        assertNull(channel.problem());
    }

    @Test
    public void withoutATokenItTakesNothingAndSaysSo() {
        Channel unconfigured = new Channel(intake, "", "ms", 20);
        assertEquals("no token configured", unconfigured.problem());
        assertFalse(unconfigured.accepts(""));
        assertThrows(ServiceUnavailable.class,
                () -> unconfigured.submit(Message.of(Category.CSAM, "https://example.com/a")));
        assertTrue(intake.submissions().isEmpty());
    }

    @Test
    public void isAModuleAndAnIntakeChannel() {
        Map<String, Object> p = ModuleComponents.assertModule(Channel.class, Modules.CHANNEL);
        assertEquals("${moduleId}", p.get(Modules.ID));
        assertEquals("${moduleId}", channel.id());
    }
}
