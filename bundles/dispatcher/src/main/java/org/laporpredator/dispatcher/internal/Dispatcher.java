package org.laporpredator.dispatcher.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.delivery.Claimed;
import org.laporpredator.api.delivery.Deliveries;
import org.laporpredator.api.delivery.Delivery;
import org.laporpredator.spi.Events;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every outbox event to each partner whose routing wants it: fans events out into delivery records
 * (in the database, {@link Deliveries}), leases the due ones of partners whose notifier is there, switched
 * on and ready, and hands them to the notifiers on a pool of threads; retries with backoff; gives up after
 * {@code maxAgeDays}. Intake never waits for it: it only reads the outbox and writes its own records.
 * Several dispatchers may share one database (leases). Never logs a payload or a contact.
 */
@Component(service = {Dispatcher.class, ConfigurationListener.class}, immediate = true, configurationPid = Dispatcher.PID)
@Designate(ocd = DispatcherConfig.class)
public class Dispatcher implements ConfigurationListener {

    public static final String PID = "org.laporpredator.dispatcher";
    static final String ACTOR = "dispatcher";
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A notifier service and the module it belongs to. */
    private record Notifier(PartnerNotifier service, String module) {
    }

    private final Deliveries deliveries;
    private final ConfigurationAdmin cm;
    private final ModuleAdmin modules;
    private final DispatcherConfig config;
    private final Backoff backoff;
    private final String owner;
    private final Map<String, Notifier> notifiers = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final Semaphore slots;
    private final Thread loop;
    private final Object wake = new Object();
    private final IntakePace pace;
    private volatile Map<String, Route> routes;
    private volatile boolean stopped;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Cases cases;

    @Activate
    public Dispatcher(@Reference Deliveries deliveries, @Reference ConfigurationAdmin cm, @Reference ModuleAdmin modules,
            DispatcherConfig config) {
        this(deliveries, cm, modules, config, true);
    }

    /** {@code start}: false for tests, which call {@link #cycle()} themselves. */
    Dispatcher(Deliveries deliveries, ConfigurationAdmin cm, ModuleAdmin modules, DispatcherConfig config, boolean start) {
        this.deliveries = deliveries;
        this.cm = cm;
        this.modules = modules;
        this.config = config;
        this.backoff = new Backoff(Duration.ofSeconds(Math.max(1, config.firstRetrySeconds())),
                Duration.ofMinutes(Math.max(1, config.maxRetryMinutes())));
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        this.owner = "dispatcher-" + java.util.HexFormat.of().formatHex(b);
        int threads = Math.max(1, config.threads());
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lapor-delivery");
            t.setDaemon(true);
            return t;
        });
        this.slots = new Semaphore(threads * 2);
        this.pace = new IntakePace(config.busyEventsPerSecond(), config.busyDeliveriesPerSecond(), System::nanoTime);
        this.loop = new Thread(this::run, "lapor-dispatcher");
        this.loop.setDaemon(true);
        if (start) {
            this.loop.start();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopped = true;
        loop.interrupt();
        if (loop.isAlive()) {
            loop.join(TimeUnit.SECONDS.toMillis(10));
        }
        pool.shutdown();
        // deliveries in flight finish or their leases expire: either way nothing is lost
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindNotifier(PartnerNotifier notifier, Map<String, Object> properties) {
        Object partner = properties.get(Modules.PARTNER);
        Object module = properties.get(Modules.ID);
        if (partner != null) {
            notifiers.put(String.valueOf(partner), new Notifier(notifier, module == null ? null : String.valueOf(module)));
            poke();
        }
    }

    void unbindNotifier(PartnerNotifier notifier, Map<String, Object> properties) {
        Object partner = properties.get(Modules.PARTNER);
        if (partner != null) {
            notifiers.computeIfPresent(String.valueOf(partner), (k, v) -> v.service() == notifier ? null : v);
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getFactoryPid() != null ? event.getFactoryPid() : event.getPid();
        if (pid != null && pid.startsWith(Partners.PREFIX)) {
            routes = null; // read again
            poke();
        }
    }

    /** Looks for work at once (a notifier came, a partner's configuration changed). */
    void poke() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run() {
        while (!stopped) {
            boolean busy = false;
            try {
                busy = cycle();
            } catch (RuntimeException e) {
                LOG.warn("Dispatching failed ({}); trying again", e.getClass().getSimpleName());
            }
            if (!busy && !stopped) {
                synchronized (wake) {
                    try {
                        wake.wait(Math.max(10, config.pollMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** One round: fan new events out, lease what is due, hand it to the notifiers. True when it did something. */
    boolean cycle() {
        Map<String, Route> r = routes();
        Map<String, Predicate<OutboxEvent>> wanted = new HashMap<>();
        r.forEach((partner, route) -> wanted.put(partner, e -> route.wants(e.type(), payload(e))));
        int made = r.isEmpty() ? 0 : deliveries.fanOut(wanted, 1000);
        pace.fannedOut(made);
        Set<String> ready = new HashSet<>();
        for (Map.Entry<String, Notifier> e : notifiers.entrySet()) {
            if (r.containsKey(e.getKey()) && ready(e.getValue())) {
                ready.add(e.getKey());
            }
        }
        int free = Math.min(slots.availablePermits(), pace.allowed());
        if (ready.isEmpty() || free == 0) {
            // with every slot busy the loop waits until a delivery ends and pokes it; with intake busy and this
            // second's deliveries used up, until the next poll
            return made > 0;
        }
        List<Claimed> claimed = deliveries.claim(owner, ready, Duration.ofSeconds(Math.max(5, config.leaseSeconds())),
                Math.min(free, Math.max(1, config.batch())));
        pace.claimed(claimed.size());
        for (Claimed c : claimed) {
            slots.acquireUninterruptibly();
            try {
                pool.execute(() -> {
                    try {
                        deliver(c, r.get(c.delivery().partner()));
                    } finally {
                        slots.release();
                        poke(); // a free slot: claim again now, not after pollMillis
                    }
                });
            } catch (RuntimeException e) {
                slots.release(); // shutting down: the lease expires and another round takes it
            }
        }
        return made > 0 || !claimed.isEmpty();
    }

    /** The notifier is switched on (checked here too: a bundle starting may show it before the switch applies) and ready. */
    private boolean ready(Notifier n) {
        if (n.module() != null && !modules.isEnabled(n.module())) {
            return false;
        }
        try {
            return n.service().problem() == null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Sets the partners' routes (tests); null: read them again from Configuration Admin. */
    void routes(Map<String, Route> r) {
        routes = r;
    }

    /** Waits until no delivery is in flight (tests). */
    void awaitIdle() throws InterruptedException {
        int all = Math.max(1, config.threads()) * 2;
        slots.acquire(all);
        slots.release(all);
    }

    private Map<String, Route> routes() {
        Map<String, Route> r = routes;
        if (r == null) {
            try {
                r = Partners.read(cm);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot read the partners' configurations ({})", e.getClass().getSimpleName());
                r = Map.of();
            }
            routes = r;
        }
        return r;
    }

    private static JsonNode payload(OutboxEvent e) {
        try {
            return JSON.readTree(e.payload());
        } catch (IOException | RuntimeException ex) {
            return JSON.createObjectNode();
        }
    }

    void deliver(Claimed c, Route route) {
        Delivery d = c.delivery();
        Notifier n = notifiers.get(d.partner());
        Instant now = Instant.now();
        if (n == null || !ready(n)) {
            // gone or switched off since the claim: tried again soon, when it is back
            deliveries.failed(d.id(), owner, "notifier not available", now.plusSeconds(1), false);
            return;
        }
        try {
            String partnerReference = n.service().deliver(c.event());
            if (deliveries.delivered(d.id(), owner, partnerReference)) {
                refer(c, route);
            }
        } catch (PartnerNotifier.DeliveryFailed f) {
            failed(d, f.getMessage(), f.retryable(), f.retryAfter(), now);
        } catch (RuntimeException e) {
            failed(d, "notifier error (" + e.getClass().getSimpleName() + ")", true, null, now);
        }
    }

    private void failed(Delivery d, String reason, boolean retryable, Duration retryAfter, Instant now) {
        boolean tooOld = d.createdAt() != null && d.createdAt().plus(Duration.ofDays(Math.max(1, config.maxAgeDays()))).isBefore(now);
        boolean refused = !retryable && d.attempts() >= Math.max(1, config.maxRefusedAttempts());
        boolean dead = tooOld || refused;
        Instant next = now.plus(backoff.after(d.attempts(), retryAfter, ThreadLocalRandom.current().nextDouble()));
        String error = reason == null ? "failed" : reason;
        deliveries.failed(d.id(), owner, error, dead ? null : next, dead);
        if (dead) {
            LOG.warn("Delivery {} to {} is dead after {} attempts: {}", d.id(), d.partner(), d.attempts(), error);
        } else {
            LOG.info("Delivery {} to {} failed (attempt {}): {}", d.id(), d.partner(), d.attempts(), error);
        }
    }

    /** An authority took an item's classification: its reports are REFERRED. */
    private void refer(Claimed c, Route route) {
        if (!config.referOnAuthority() || route == null || !route.authority()
                || !Events.ITEM_CLASSIFIED.equals(c.event().type())) {
            return;
        }
        Cases k = cases;
        JsonNode item = payload(c.event()).path("itemId");
        if (k == null || !item.canConvertToLong()) {
            return;
        }
        try {
            List<String> moved = k.referReportsNaming(item.asLong(), ACTOR);
            if (!moved.isEmpty()) {
                LOG.info("{} report(s) referred after delivery {} to {}", moved.size(), c.delivery().id(), c.delivery().partner());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not move the reports of delivery {} to REFERRED ({})", c.delivery().id(), e.getClass().getSimpleName());
        }
    }
}
