package org.laporpredator.notifier.webhook.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.laporpredator.spi.ModuleHealth;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

public class WebhookComponentTest {

    /** What the component registered, through a BundleContext that only records. */
    static final class Recorder {
        final List<String[]> classes = new ArrayList<>();
        final List<Object> services = new ArrayList<>();
        final List<Dictionary<String, ?>> properties = new ArrayList<>();
        final AtomicInteger unregistered = new AtomicInteger();

        @SuppressWarnings("unchecked")
        BundleContext context() {
            ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                        if (m.getName().equals("unregister")) {
                            unregistered.incrementAndGet();
                        }
                        return null;
                    });
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (p, m, a) -> {
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

    static Map<String, Object> fileConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put("service.pid", "org.laporpredator.notifier.webhook~mycert");
        c.put("service.factoryPid", "org.laporpredator.notifier.webhook");
        c.put("felix.fileinstall.filename", "file:/opt/lapor/etc/org.laporpredator.notifier.webhook-mycert.cfg");
        c.put("url", "https://partner.example/hooks/lapor?token=abc");
        c.put("secret", WebhookSettingsTest.SECRET);
        c.put("events", "report.received");
        c.put("categories", "CSAM,GROOMING");
        // component properties DS merges in
        c.put("lapor.module.id", "notifier-webhook");
        c.put("component.name", WebhookComponent.class.getName());
        return c;
    }

    @Test
    public void registersThePartnerWithTheModuleAndPartnerProperties() {
        Recorder r = new Recorder();
        WebhookComponent component = new WebhookComponent(r.context(), fileConfig());
        assertEquals(1, r.services.size());
        assertEquals(List.of(PartnerNotifier.class.getName(), ModuleHealth.class.getName()), List.of(r.classes.get(0)));
        Dictionary<String, ?> p = r.properties.get(0);
        assertEquals("notifier-webhook", p.get("lapor.module.id"));
        assertEquals("notifier", p.get("lapor.module.kind"));
        assertEquals(WebhookComponent.MODULE_NAME, p.get("lapor.module.name"));
        assertEquals("webhook-mycert", p.get("lapor.partner"));
        assertEquals("report.received", p.get("events"));
        assertEquals("CSAM,GROOMING", p.get("categories"));
        assertNull("never the secret", p.get("secret"));
        assertNull("never the URL (it may hold a token)", p.get("url"));
        assertNull(((PartnerNotifier) r.services.get(0)).problem());

        component.deactivate();
        assertEquals(1, r.unregistered.get());
    }

    @Test
    public void aPartnerWithAProblemIsStillRegisteredSoItsRecordsWait() {
        Recorder r = new Recorder();
        Map<String, Object> c = fileConfig();
        c.remove("secret");
        new WebhookComponent(r.context(), c);
        assertEquals("no secret configured", ((PartnerNotifier) r.services.get(0)).problem());
    }

    @Test
    public void noNameNoPartner() {
        Recorder r = new Recorder();
        Map<String, Object> c = fileConfig();
        c.remove("felix.fileinstall.filename");
        c.put("service.pid", "org.laporpredator.notifier.webhook.3f0c5a4e-1d2b");
        WebhookComponent component = new WebhookComponent(r.context(), c);
        assertTrue(r.services.isEmpty());
        component.deactivate();
        assertEquals(0, r.unregistered.get());
    }

    /** The descriptor bnd generated: a factory-configured component the module registry can find and switch. */
    @Test
    public void theComponentDescriptionCarriesTheModuleAndNeedsAConfiguration() throws Exception {
        Path xml = Path.of("target/classes/OSGI-INF/" + WebhookComponent.class.getName() + ".xml");
        String d = Files.readString(xml, StandardCharsets.UTF_8);
        assertTrue(d, d.contains("configuration-policy=\"require\""));
        assertTrue(d, d.contains("configuration-pid=\"org.laporpredator.notifier.webhook\""));
        assertTrue(d, d.contains("name=\"lapor.module.id\"") && d.contains("value=\"notifier-webhook\""));
        assertTrue(d, d.contains("name=\"lapor.module.kind\"") && d.contains("value=\"notifier\""));
        assertFalse("registers its service itself", d.contains("<service"));
        String metatype = Files.readString(Path.of("target/classes/OSGI-INF/metatype/"
                + WebhookConfig.class.getName() + ".xml"), StandardCharsets.UTF_8);
        assertTrue(metatype, metatype.contains("factoryPid=\"org.laporpredator.notifier.webhook\""));
    }
}
