package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.ModuleInfo;
import org.laporpredator.api.plugins.PluginAdmin;
import org.laporpredator.api.plugins.PluginInfo;
import org.laporpredator.spi.IntakeChannel;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The three plugins the archetype generates (built by the archetype module's integration tests into the
 * local repository) installed on the running distribution: each listed and doing its work.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GeneratedPluginIT {

    static final int HTTP_PORT = 8991;

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessions;

    @Inject
    @Filter(timeout = 120_000)
    PluginAdmin plugins;

    @Inject
    @Filter(timeout = 120_000)
    ModuleAdmin modules;

    @Inject
    ConfigurationAdmin cm;

    private final Http http = new Http("http://localhost:" + HTTP_PORT);

    @Configuration
    public Option[] config() {
        return Exam.distribution(HTTP_PORT, LogLevel.WARN,
            systemProperty("lapor.m2").value(System.getProperty("lapor.m2", System.getProperty("user.home") + "/.m2/repository")),
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionsPerMinute", "100000"),
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionBurst", "100000"),
            editConfigurationFilePut("etc/org.laporpredator.dispatcher.cfg", "pollMillis", "100"));
    }

    @Before
    public void ready() throws InterruptedException {
        http.awaitOk("/api/health", Duration.ofSeconds(120));
        Exam.awaitSettled(context, Duration.ofSeconds(60));
    }

    @After
    public void cleanUp() throws Exception {
        for (PluginInfo p : plugins.plugins()) {
            plugins.uninstall(p.name());
        }
    }

    @Test
    public void theGeneratedNotifierChannelAndParserInstallAndWork() throws Exception {
        Map<Long, String> before = bundles();
        try (LoopbackReceiver partner = new LoopbackReceiver()) {
            PluginIT.writeCfg(cm, "org.laporpredator.generated.notifier", Map.of("url", partner.url("/events"), ".token", "generated-secret"));

            for (String kind : new String[] {"notifier", "channel", "parser"}) {
                String out = shell("lapor:install " + kar(kind).toUri());
                assertTrue(out, out.contains("generated-" + kind + " 1.0.0 ACTIVE") && out.contains("modules=generated-" + kind));
            }
            String listed = shell("lapor:modules");
            for (String kind : new String[] {"notifier", "channel", "parser"}) {
                assertTrue(listed, listed.contains("generated-" + kind));
            }

            // the parser: its platform's links become its items
            Http.Reply r = http.postJson("/api/reports", Map.of("urls", "https://example.com/@someone", "category", "GROOMING",
                    "anonymous", true, "language", "en"));
            assertEquals(r.body(), 201, r.status());
            JsonNode item = r.json().get("items").get(0);
            assertEquals(r.body(), "GENERATED-PARSER", item.get("platform").asText());
            assertEquals("PROFILE", item.get("kind").asText());

            // the notifier: the new report reaches the partner, with the token from its private setting
            String reference = r.json().get("reference").asText();
            LoopbackReceiver.Request got = Poll.until("the generated notifier delivers " + reference, Duration.ofSeconds(60),
                    () -> partner.requests.stream().filter(x -> x.body().contains(reference)).findFirst().orElse(null));
            assertEquals("report.received", got.header("lapor-event"));
            assertEquals("Bearer generated-secret", got.header("authorization"));
            assertTrue(got.body(), !got.body().contains("generated-secret"));

            // the channel: registered, and it says what it lacks until it has its token
            ModuleInfo channel = module("generated-channel");
            assertEquals("ACTIVE", channel.state());
            assertEquals("no token configured", channel.problem());
            assertTrue(context.getServiceReferences(IntakeChannel.class, "(lapor.module.id=generated-channel)").size() == 1);
            Dictionary<String, Object> token = new Hashtable<>();
            token.put(".token", "channel-secret");
            cm.getConfiguration("org.laporpredator.generated.channel", "?").update(token);
            Poll.until("the channel has its token", Duration.ofSeconds(30), () -> module("generated-channel").problem() == null ? true : null);
            for (var ref : context.getServiceReferences(IntakeChannel.class, "(lapor.module.id=generated-channel)")) {
                assertNull("a private setting is never a service property", ref.getProperty(".token"));
                assertNull(ref.getProperty("token"));
            }
        }
        for (String kind : new String[] {"notifier", "channel", "parser"}) {
            assertTrue(shell("lapor:uninstall generated-" + kind).contains("removed"));
        }
        assertEquals("every other bundle as it was", before, bundles());
    }

    private ModuleInfo module(String id) {
        return modules.modules().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private static Path kar(String kind) {
        Path kar = Path.of(System.getProperty("lapor.m2"), "org/laporpredator/generated", "generated-" + kind, "1.0.0",
                "generated-" + kind + "-1.0.0.kar");
        assertTrue(kar + " is built by the archetype module's integration tests", Files.exists(kar));
        return kar;
    }

    private Map<Long, String> bundles() {
        return Shell.bundles(context);
    }

    private String shell(String command) {
        return Shell.run(sessions, command);
    }
}
