package org.laporpredator.example.notifier.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.laporpredator.plugin.testing.ModuleComponents;
import org.laporpredator.plugin.testing.PartnerEndpoint;
import org.laporpredator.plugin.testing.TestEvents;
import org.laporpredator.spi.ModuleHealth;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;

public class RestNotifierComponentTest {

    /** What the component registered, through a BundleContext of a bundle of the given version. */
    static final class Recorder {
        final List<String[]> classes = new ArrayList<>();
        final List<Object> services = new ArrayList<>();
        final List<Dictionary<String, ?>> properties = new ArrayList<>();
        final AtomicInteger unregistered = new AtomicInteger();

        @SuppressWarnings("unchecked")
        BundleContext context(String version) {
            ClassLoader cl = getClass().getClassLoader();
            Bundle bundle = (Bundle) Proxy.newProxyInstance(cl, new Class<?>[] {Bundle.class}, (p, m, a) -> {
                if (m.getName().equals("getVersion")) {
                    return Version.parseVersion(version);
                }
                throw new UnsupportedOperationException(m.getName());
            });
            ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(cl,
                    new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                        if (m.getName().equals("unregister")) {
                            unregistered.incrementAndGet();
                        }
                        return null;
                    });
            return (BundleContext) Proxy.newProxyInstance(cl, new Class<?>[] {BundleContext.class}, (p, m, a) -> {
                if (m.getName().equals("getBundle") && (a == null || a.length == 0)) {
                    return bundle;
                }
                if (m.getName().equals("registerService") && a[0] instanceof String[]) {
                    classes.add((String[]) a[0]);
                    services.add(a[1]);
                    properties.add((Dictionary<String, ?>) a[2]);
                    return registration;
                }
                throw new UnsupportedOperationException(m.getName());
            });
        }
    }

    static RestNotifierConfig config(String url, String token) {
        return new RestNotifierConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RestNotifierConfig.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String token() {
                return token;
            }

            @Override
            public int timeoutSeconds() {
                return 5;
            }
        };
    }

    @Test
    public void theDescriptionIsANotifierModuleOfPartnerRestExample() throws Exception {
        Map<String, Object> p = ModuleComponents.assertModule(RestNotifierComponent.class, Modules.NOTIFIER);
        assertEquals("notifier-rest-example", p.get(Modules.ID));
        assertEquals("rest-example", p.get(Modules.PARTNER));
        String metatype = Files.readString(Path.of("target/classes/OSGI-INF/metatype/"
                + RestNotifierConfig.class.getName() + ".xml"));
        assertTrue(metatype, metatype.contains("pid=\"org.laporpredator.example.notifier.rest\""));
        assertTrue(metatype, metatype.contains("id=\"token\"") && metatype.contains("type=\"Password\""));
    }

    @Test
    public void registersTheNotifierWithoutTheUrlOrTheToken() {
        Recorder r = new Recorder();
        RestNotifierComponent c = new RestNotifierComponent(r.context("1.0.0"),
                config("https://partner.example/items?key=abc", "tok"));
        assertEquals(List.of(PartnerNotifier.class.getName(), ModuleHealth.class.getName()), List.of(r.classes.get(0)));
        Dictionary<String, ?> p = r.properties.get(0);
        assertEquals("notifier-rest-example", p.get(Modules.ID));
        assertEquals("notifier", p.get(Modules.KIND));
        assertEquals("rest-example", p.get(Modules.PARTNER));
        assertEquals(4, p.size());
        assertNull(((PartnerNotifier) r.services.get(0)).problem());
        c.deactivate();
        assertEquals(1, r.unregistered.get());
    }

    @Test
    public void theUserAgentIsTheBundleVersion() throws Exception {
        for (String version : new String[] {"1.0.0", "1.1.0"}) {
            try (PartnerEndpoint partner = PartnerEndpoint.start()) {
                Recorder r = new Recorder();
                new RestNotifierComponent(r.context(version), config(partner.url().toString(), "tok"));
                ((PartnerNotifier) r.services.get(0)).deliver(TestEvents.itemClassified(1, "https://example.test/",
                        "CSAM", "12345674"));
                assertEquals("lapor-example-notifier-rest/" + version,
                        partner.await(1, Duration.ofSeconds(10)).get(0).header("User-Agent"));
            }
        }
    }

    @Test
    public void withoutAConfigurationItSaysWhatItLacks() {
        Recorder r = new Recorder();
        new RestNotifierComponent(r.context("1.0.0"), config("", ""));
        PartnerNotifier n = (PartnerNotifier) r.services.get(0);
        assertEquals("no url configured", n.problem());
        assertFalse(r.properties.get(0).get(Modules.NAME).toString().isBlank());
    }
}
