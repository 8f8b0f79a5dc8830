package org.laporpredator.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.ModuleInfo;
import org.laporpredator.api.cases.CaseReport;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.cases.Classification;
import org.laporpredator.api.delivery.Deliveries;
import org.laporpredator.api.delivery.DeliveryState;
import org.laporpredator.api.plugins.PluginAdmin;
import org.laporpredator.api.plugins.PluginInfo;
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
 * Plugins installed, upgraded and removed on the running distribution through the Karaf shell while
 * reports come in over HTTP the whole time: no submission fails, and no other bundle is refreshed (its id,
 * state and last-modified time stay as they were).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginIT {

    static final int HTTP_PORT = 8981;
    static final String EXAMPLE = "org/laporpredator/examples/lapor-example-notifier-rest";
    static final String EXAMPLE_PID = "org.laporpredator.example.notifier.rest";
    static final String EXAMPLE_PARTNER = "rest-example";
    static final String EXAMPLE_MODULE = "notifier-rest-example";

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
    @Filter(timeout = 120_000)
    Cases cases;

    @Inject
    @Filter(timeout = 120_000)
    Deliveries deliveries;

    @Inject
    ConfigurationAdmin cm;

    private final Http http = new Http("http://localhost:" + HTTP_PORT);
    private Load load;

    @Configuration
    public Option[] config() {
        return Exam.distribution(HTTP_PORT, LogLevel.WARN,
            systemProperty("lapor.m2").value(System.getProperty("lapor.m2", System.getProperty("user.home") + "/.m2/repository")),
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionsPerMinute", "100000"),
            editConfigurationFilePut("etc/org.laporpredator.core.cfg", "submissionBurst", "100000"),
            editConfigurationFilePut("etc/org.laporpredator.dispatcher.cfg", "pollMillis", "100"),
            editConfigurationFilePut("etc/org.laporpredator.dispatcher.cfg", "firstRetrySeconds", "1"));
    }

    @Before
    public void ready() throws InterruptedException {
        http.awaitOk("/api/health", Duration.ofSeconds(120));
        Exam.awaitSettled(context, Duration.ofSeconds(60));
        load = new Load(http);
    }

    @After
    public void cleanUp() throws Exception {
        if (load != null) {
            load.stop();
        }
        for (PluginInfo p : plugins.plugins()) {
            plugins.uninstall(p.name());
        }
    }

    @Test
    public void brokenPluginsAreReportedAndHarmNothing() throws Exception {
        Path dir = Files.createTempDirectory("lapor-plugins");
        Map<Long, String> before = bundles();

        String out = shell("lapor:install " + TestKars.unresolvable(dir).toUri());
        assertTrue(out, out.contains("not installed") && out.contains("org.nowhere.missing"));
        assertEquals("nothing installed, nothing refreshed", before, bundles());
        assertTrue(plugins.plugins().isEmpty());
        assertEquals("no KAR left behind", List.of(), leftovers());

        out = shell("lapor:install " + TestKars.throwing(dir).toUri());
        assertTrue(out, out.contains("throwing-plugin 1.0.0 FAILED") && out.contains("example failure"));
        ModuleInfo m = modules.modules().stream().filter(x -> x.id().equals("notifier-throwing")).findFirst().orElseThrow();
        assertEquals("FAILED", m.state());
        assertTrue(m.problem(), m.problem().contains("example failure"));
        out = shell("lapor:modules");
        assertTrue(out, out.contains("notifier-throwing") && out.contains("FAILED"));
        assertEquals("the other bundles as they were", before, without(bundles(), "org.laporpredator.testplugins."));

        out = shell("lapor:uninstall notifier-throwing");
        assertTrue(out, out.contains("throwing-plugin 1.0.0 removed"));
        assertEquals(before, bundles());
        out = shell("lapor:uninstall dispatcher");
        assertTrue(out, out.contains("no plugin or plugin module named dispatcher"));
        load.stopAndCheck();
    }

    @Test
    public void exampleNotifierInstalledUpgradedRemovedUnderLoad() throws Exception {
        try (LoopbackReceiver partner = new LoopbackReceiver()) {
            writeCfg(cm, EXAMPLE_PID, new java.util.LinkedHashMap<>(Map.of("url", partner.url("/cases"), "token", "test-token")));
            Map<Long, String> before = bundles();

            String out = shell("lapor:install " + example("1.0.0").toUri());
            assertTrue(out, out.contains("lapor-example-notifier-rest 1.0.0 ACTIVE"));
            assertTrue(out, out.contains(EXAMPLE_MODULE));
            assertTrue(shell("lapor:plugins").contains("lapor-example-notifier-rest 1.0.0 ACTIVE"));
            String first = classifiedItem("https://t.me/plugin_first_" + System.nanoTime());
            LoopbackReceiver.Request r = await(partner, first);
            assertTrue(r.header("user-agent"), r.header("user-agent").contains("/1.0.0"));
            assertEquals("Bearer test-token", r.header("authorization"));

            out = shell("lapor:install " + example("1.1.0").toUri());
            assertTrue(out, out.contains("lapor-example-notifier-rest 1.1.0 ACTIVE"));
            assertEquals("one version runs", 1, exampleBundles().size());
            assertEquals("1.1.0", exampleBundles().get(0).getVersion().toString());
            String second = classifiedItem("https://t.me/plugin_second_" + System.nanoTime());
            assertTrue(await(partner, second).header("user-agent").contains("/1.1.0"));

            out = shell("lapor:uninstall " + EXAMPLE_MODULE);
            assertTrue(out, out.contains("removed"));
            assertTrue(exampleBundles().isEmpty());
            long waitingBefore = waiting();
            String third = classifiedItem("https://t.me/plugin_third_" + System.nanoTime());
            Poll.until("the delivery waits", Duration.ofSeconds(30), () -> waiting() > waitingBefore ? true : null);
            assertTrue("nothing sent while the notifier is away", partner.requests.stream().noneMatch(x -> x.body().contains(third)));

            out = shell("lapor:install " + example("1.1.0").toUri());
            assertTrue(out, out.contains("1.1.0 ACTIVE"));
            await(partner, third);
            assertTrue("the configuration survived", String.valueOf(cm.getConfiguration(EXAMPLE_PID, "?").getProperties().get("url"))
                    .equals(partner.url("/cases")));

            load.stopAndCheck();
            assertEquals("the other bundles as they were", before, without(bundles(), "lapor-example-notifier-rest"));
        }
    }

    /** Writes etc/<pid>.cfg as an admin would, and waits until Configuration Admin has it. */
    static void writeCfg(ConfigurationAdmin cm, String pid, Map<String, String> values) throws Exception {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(Path.of(System.getProperty("karaf.etc"), pid + ".cfg"), text, StandardCharsets.ISO_8859_1);
        String first = values.keySet().iterator().next();
        Poll.until(pid + " read from etc/", Duration.ofSeconds(30), () -> {
            try {
                org.osgi.service.cm.Configuration[] c = cm.listConfigurations("(service.pid=" + pid + ")");
                return c != null && c[0].getProperties() != null && values.get(first).equals(c[0].getProperties().get(first)) ? true : null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Submits a report over HTTP and classifies its item: an item.classified event for the partners. */
    private String classifiedItem(String url) {
        Http.Reply r = http.postJson("/api/reports", Map.of("urls", url, "category", "CSAM", "platform", "TELEGRAM",
                "anonymous", true, "language", "en"));
        assertEquals(r.body(), 201, r.status());
        String reference = r.json().get("reference").asText();
        CaseReport report = cases.report(reference).orElseThrow();
        long itemId = report.items().get(0).id();
        cases.classify(itemId, Classification.CSAM, "plugin test", "analyst:plugin-it");
        return report.items().get(0).canonicalUrl();
    }

    private static LoopbackReceiver.Request await(LoopbackReceiver partner, String canonicalUrl) {
        return Poll.until("the partner gets " + canonicalUrl, Duration.ofSeconds(60), () -> partner.requests.stream()
                .filter(x -> x.body().contains(canonicalUrl)).findFirst().orElse(null));
    }

    private long waiting() {
        Map<DeliveryState, Long> c = deliveries.counts().getOrDefault(EXAMPLE_PARTNER, Map.of());
        return c.getOrDefault(DeliveryState.PENDING, 0L);
    }

    private static Path example(String version) {
        Path kar = Path.of(System.getProperty("lapor.m2"), EXAMPLE, version, "lapor-example-notifier-rest-" + version + ".kar");
        assertTrue(kar + " is built by the examples module", Files.exists(kar));
        return kar;
    }

    private List<Bundle> exampleBundles() {
        List<Bundle> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().contains("notifier-rest")) {
                out.add(b);
            }
        }
        return out;
    }

    private Map<Long, String> bundles() {
        return Shell.bundles(context);
    }

    private static Map<Long, String> without(Map<Long, String> bundles, String namePart) {
        Map<Long, String> out = new TreeMap<>(bundles);
        out.values().removeIf(v -> v.contains(namePart));
        return out;
    }

    private static List<String> leftovers() throws Exception {
        Path kar = Path.of(System.getProperty("karaf.data"), "kar");
        if (!Files.isDirectory(kar)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(kar)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private String shell(String command) {
        return Shell.run(sessions, command);
    }

    /** Submissions over HTTP on two threads, the whole test long; every one must be taken. */
    static final class Load {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger taken = new AtomicInteger();
        private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Thread> threads = new ArrayList<>();

        Load(Http http) {
            for (int t = 0; t < 2; t++) {
                int lane = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; running.get(); i++) {
                        try {
                            Http.Reply r = http.postJson("/api/reports", Map.of("urls", "https://example.org/load/" + lane + "/" + i,
                                    "category", "CSAM", "anonymous", true, "language", "ms"));
                            if (r.status() == 201) {
                                taken.incrementAndGet();
                            } else {
                                failures.add(r.status() + " " + r.body());
                            }
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                }, "plugin-it-load-" + t);
                thread.start();
                threads.add(thread);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }

        void stopAndCheck() throws InterruptedException {
            stop();
            assertEquals("submissions that failed meanwhile", List.of(), failures);
            assertFalse("no submission went through", taken.get() == 0);
        }
    }
}
