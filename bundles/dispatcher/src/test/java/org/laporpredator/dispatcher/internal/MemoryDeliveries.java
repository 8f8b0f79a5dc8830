package org.laporpredator.dispatcher.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.laporpredator.api.cases.Page;
import org.laporpredator.api.delivery.Claimed;
import org.laporpredator.api.delivery.Deliveries;
import org.laporpredator.api.delivery.Delivery;
import org.laporpredator.api.delivery.DeliveryState;
import org.laporpredator.spi.OutboxEvent;

/** Deliveries in memory for the dispatcher's own tests (the store's are tested against Derby). */
final class MemoryDeliveries implements Deliveries {

    final List<OutboxEvent> outbox = new ArrayList<>();
    final Map<Long, Delivery> records = new TreeMap<>();
    final Map<Long, String> leases = new HashMap<>();
    private final Map<String, Integer> cursors = new HashMap<>();
    private long nextId = 1;

    synchronized void add(String type, String payload) {
        long id = outbox.size() + 1;
        outbox.add(new OutboxEvent(id, type, type + "-" + id, payload, Instant.now()));
    }

    @Override
    public synchronized int fanOut(Map<String, Predicate<OutboxEvent>> partners, int maxEvents) {
        int made = 0;
        for (Map.Entry<String, Predicate<OutboxEvent>> p : partners.entrySet()) {
            int from = cursors.getOrDefault(p.getKey(), 0);
            for (int i = from; i < outbox.size(); i++) {
                OutboxEvent e = outbox.get(i);
                if (p.getValue().test(e)) {
                    long id = nextId++;
                    records.put(id, new Delivery(id, p.getKey(), e.id(), e.type(), e.idempotencyKey(), "k", null,
                            DeliveryState.PENDING, 0, Instant.now(), null, null, null, Instant.now()));
                    made++;
                }
            }
            cursors.put(p.getKey(), outbox.size());
        }
        return made;
    }

    @Override
    public synchronized List<Claimed> claim(String owner, Set<String> partners, Duration lease, int max) {
        List<Claimed> out = new ArrayList<>();
        Instant now = Instant.now();
        for (Delivery d : records.values()) {
            if (out.size() == max) {
                break;
            }
            boolean due = (d.state() == DeliveryState.PENDING || d.state() == DeliveryState.FAILED)
                    && !d.nextAttemptAt().isAfter(now) && !leases.containsKey(d.id());
            if (due && partners.contains(d.partner())) {
                Delivery taken = with(d, d.state(), d.attempts() + 1, d.nextAttemptAt(), d.lastError(), null);
                records.put(d.id(), taken);
                leases.put(d.id(), owner);
                out.add(new Claimed(taken, outbox.get((int) d.eventId() - 1)));
            }
        }
        return out;
    }

    @Override
    public synchronized boolean delivered(long id, String owner, String partnerReference) {
        if (!owner.equals(leases.remove(id))) {
            return false;
        }
        Delivery d = records.get(id);
        records.put(id, new Delivery(id, d.partner(), d.eventId(), d.eventType(), d.idempotencyKey(), d.orderingKey(),
                d.reference(), DeliveryState.DELIVERED, d.attempts(), null, d.lastError(), Instant.now(), partnerReference,
                d.createdAt()));
        return true;
    }

    @Override
    public synchronized boolean failed(long id, String owner, String error, Instant nextAttempt, boolean dead) {
        if (!owner.equals(leases.remove(id))) {
            return false;
        }
        Delivery d = records.get(id);
        records.put(id, with(d, dead ? DeliveryState.DEAD : DeliveryState.FAILED, d.attempts(), nextAttempt, error, null));
        return true;
    }

    synchronized void age(long id, Duration by) {
        Delivery d = records.get(id);
        records.put(id, new Delivery(id, d.partner(), d.eventId(), d.eventType(), d.idempotencyKey(), d.orderingKey(),
                d.reference(), d.state(), d.attempts(), d.nextAttemptAt() == null ? null : d.nextAttemptAt().minus(by),
                d.lastError(), d.deliveredAt(), d.partnerReference(), d.createdAt().minus(by)));
    }

    private static Delivery with(Delivery d, DeliveryState state, int attempts, Instant next, String error, String ref) {
        return new Delivery(d.id(), d.partner(), d.eventId(), d.eventType(), d.idempotencyKey(), d.orderingKey(),
                d.reference(), state, attempts, next, error, d.deliveredAt(), ref, d.createdAt());
    }

    @Override
    public List<Delivery> forReport(String reference) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<Delivery> dead(int page, int size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized Optional<Delivery> find(long id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public Delivery redeliver(long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Map<DeliveryState, Long>> counts() {
        throw new UnsupportedOperationException();
    }
}
