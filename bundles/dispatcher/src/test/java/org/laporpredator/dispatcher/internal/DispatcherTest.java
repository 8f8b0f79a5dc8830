package org.laporpredator.dispatcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Test;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.ModuleInfo;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.delivery.Delivery;
import org.laporpredator.api.delivery.DeliveryState;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.service.cm.ConfigurationAdmin;

public class DispatcherTest {

    private static final String CSAM = "{\"itemId\":7,\"platform\":\"TELEGRAM\",\"classification\":\"CSAM\"}";

    private final MemoryDeliveries store = new MemoryDeliveries();
    private final Set<String> disabled = new HashSet<>();
    private final List<Long> referred = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher = new Dispatcher(store, proxy(ConfigurationAdmin.class, (m, a) -> null),
            new ModuleAdmin() {
                @Override
                public List<ModuleInfo> modules() {
                    return List.of();
                }

                @Override
                public boolean isEnabled(String id) {
                    return !disabled.contains(id);
                }

                @Override
                public void enable(String id) {
                    disabled.remove(id);
                }

                @Override
                public void disable(String id) {
                    disabled.add(id);
                }
            }, config(), false);

    /** A notifier that answers with the next outcome of its script. */
    private static final class Scripted implements PartnerNotifier {
        final List<OutboxEvent> seen = new CopyOnWriteArrayList<>();
        final List<Object> outcomes = new ArrayList<>();
        volatile String problem;

        @Override
        public synchronized String deliver(OutboxEvent event) throws DeliveryFailed {
            seen.add(event);
            Object next = outcomes.isEmpty() ? "ok" : outcomes.remove(0);
            if (next instanceof DeliveryFailed f) {
                throw f;
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (String) next;
        }

        @Override
        public String problem() {
            return problem;
        }
    }

    private final Scripted police = new Scripted();

    public DispatcherTest() {
        dispatcher.cases = proxy(Cases.class, (m, a) -> {
            if (m.equals("referReportsNaming")) {
                referred.add((Long) a[0]);
                return List.of("12345674");
            }
            throw new UnsupportedOperationException(m);
        });
        dispatcher.routes(Map.of("pdrm", Route.defaults("pdrm"), "webhook-ngo", Route.defaults("webhook-ngo")));
        dispatcher.bindNotifier(police, Map.of(Modules.PARTNER, "pdrm", Modules.ID, "notifier-pdrm"));
    }

    @After
    public void stop() throws InterruptedException {
        dispatcher.deactivate();
    }

    private void round() throws InterruptedException {
        dispatcher.cycle();
        dispatcher.awaitIdle();
    }

    private Delivery only(String partner) {
        List<Delivery> of = store.records.values().stream().filter(d -> d.partner().equals(partner)).toList();
        assertEquals(of.toString(), 1, of.size());
        return of.get(0);
    }

    @Test
    public void anEventGoesToEachPartnerWhoseRouteWantsIt() throws Exception {
        store.add(Events.ITEM_CLASSIFIED, CSAM);
        store.add(Events.REPORT_RECEIVED, "{\"reference\":\"12345682\",\"urgent\":false}"); // not for the police
        round();
        assertEquals(1, police.seen.size());
        assertEquals(Events.ITEM_CLASSIFIED, police.seen.get(0).type());
        assertEquals(DeliveryState.DELIVERED, only("pdrm").state());
        // the webhook partner's notifier is not there: its records wait, pending
        assertEquals(2, store.records.values().stream().filter(d -> d.partner().equals("webhook-ngo")
                && d.state() == DeliveryState.PENDING).count());
        assertEquals("an authority took a classification: its reports are referred", List.of(7L), referred);
    }

    @Test
    public void aRetryableFailureIsTriedAgainWithinAMinute() throws Exception {
        police.outcomes.add(new PartnerNotifier.DeliveryFailed("connection refused", true, null));
        store.add(Events.ITEM_CLASSIFIED, CSAM);
        Instant before = Instant.now();
        round();
        Delivery d = only("pdrm");
        assertEquals(DeliveryState.FAILED, d.state());
        assertEquals("connection refused", d.lastError());
        assertTrue(d.nextAttemptAt().isAfter(before.plusSeconds(14)));
        assertTrue(d.nextAttemptAt().isBefore(before.plusSeconds(61)));
        assertTrue(referred.isEmpty());
        round();
        assertEquals("not due yet", 1, police.seen.size());
        store.age(d.id(), Duration.ofMinutes(2));
        round();
        assertEquals(2, police.seen.size());
        assertEquals(police.seen.get(0).idempotencyKey(), police.seen.get(1).idempotencyKey());
        assertEquals(DeliveryState.DELIVERED, only("pdrm").state());
        assertEquals(2, only("pdrm").attempts());
    }

    @Test
    public void aPartnersRetryAfterIsHonoured() throws Exception {
        police.outcomes.add(new PartnerNotifier.DeliveryFailed("HTTP 429", true, Duration.ofMinutes(10), null));
        store.add(Events.ITEM_CLASSIFIED, CSAM);
        Instant before = Instant.now();
        round();
        Instant next = only("pdrm").nextAttemptAt();
        assertFalse(next.isBefore(before.plus(Duration.ofMinutes(10))));
        assertTrue(next.isBefore(before.plus(Duration.ofMinutes(11))));
    }

    @Test
    public void aRefusalIsDeadAfterAFewAttemptsAndAnOldFailureAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            police.outcomes.add(new PartnerNotifier.DeliveryFailed("HTTP 400", false, null));
        }
        store.add(Events.ITEM_CLASSIFIED, CSAM);
        for (int i = 0; i < 3; i++) {
            store.records.values().forEach(d -> store.age(d.id(), Duration.ofHours(5)));
            round();
        }
        assertEquals(DeliveryState.DEAD, only("pdrm").state());
        assertNull(only("pdrm").nextAttemptAt());
        assertEquals(3, police.seen.size());

        Scripted ngo = new Scripted();
        ngo.outcomes.add(new PartnerNotifier.DeliveryFailed("HTTP 503", true, null));
        dispatcher.bindNotifier(ngo, Map.of(Modules.PARTNER, "webhook-ngo", Modules.ID, "notifier-webhook"));
        store.records.values().stream().filter(d -> d.partner().equals("webhook-ngo"))
                .forEach(d -> store.age(d.id(), Duration.ofDays(8)));
        round();
        assertEquals("still failing after seven days: dead", DeliveryState.DEAD, only("webhook-ngo").state());
    }

    @Test
    public void nothingGoesOutWhileANotifierIsSwitchedOffNotReadyOrGone() throws Exception {
        store.add(Events.ITEM_CLASSIFIED, CSAM);
        disabled.add("notifier-pdrm");
        round();
        police.problem = "no recipient configured (to)";
        disabled.clear();
        round();
        dispatcher.unbindNotifier(police, Map.of(Modules.PARTNER, "pdrm"));
        police.problem = null;
        round();
        assertTrue(police.seen.isEmpty());
        assertEquals(DeliveryState.PENDING, only("pdrm").state());
        assertEquals(0, only("pdrm").attempts());
        dispatcher.bindNotifier(police, Map.of(Modules.PARTNER, "pdrm", Modules.ID, "notifier-pdrm"));
        round();
        assertEquals(1, police.seen.size());
        assertEquals(DeliveryState.DELIVERED, only("pdrm").state());
    }

    @Test
    public void aNotifierThatThrowsIsAFailureNotALoss() throws Exception {
        police.outcomes.add(new IllegalStateException("bug"));
        store.add(Events.ITEM_CLASSIFIED, CSAM);
        round();
        assertEquals(DeliveryState.FAILED, only("pdrm").state());
        assertEquals("notifier error (IllegalStateException)", only("pdrm").lastError());
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> m.getName().equals("toString") ? type.getSimpleName() : answer.apply(m.getName(), a));
    }

    private static DispatcherConfig config() {
        return new DispatcherConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DispatcherConfig.class;
            }

            @Override
            public int pollMillis() {
                return 10;
            }

            @Override
            public int threads() {
                return 4;
            }

            @Override
            public int batch() {
                return 100;
            }

            @Override
            public int busyDeliveriesPerSecond() {
                return 0;
            }

            @Override
            public int busyEventsPerSecond() {
                return 50;
            }

            @Override
            public int leaseSeconds() {
                return 60;
            }

            @Override
            public int firstRetrySeconds() {
                return 30;
            }

            @Override
            public int maxRetryMinutes() {
                return 240;
            }

            @Override
            public int maxAgeDays() {
                return 7;
            }

            @Override
            public int maxRefusedAttempts() {
                return 3;
            }

            @Override
            public boolean referOnAuthority() {
                return true;
            }
        };
    }
}
