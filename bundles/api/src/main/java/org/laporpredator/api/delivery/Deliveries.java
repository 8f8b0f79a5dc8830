package org.laporpredator.api.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.laporpredator.api.cases.Page;
import org.laporpredator.spi.OutboxEvent;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Delivery records in the database, so that every dispatcher (several nodes, or one restarting while
 * another runs) sees the same ones. Every change is one short transaction; leases are taken by a
 * conditional update (on PostgreSQL {@code FOR UPDATE SKIP LOCKED} in its dialect), never held in memory.
 */
@ProviderType
public interface Deliveries {

    /**
     * Creates the delivery records of outbox events not yet fanned out to each partner: reads up to
     * {@code maxEvents} events after the partner's cursor, in outbox order, and creates a PENDING record
     * (due now) for each event {@code partners.get(partner)} wants; then moves the cursor past them, in the
     * same transaction. A partner seen for the first time starts after the newest event (it is not sent the
     * past). Two dispatchers fanning out at once create each record once.
     *
     * @return the number of records created
     */
    int fanOut(Map<String, Predicate<OutboxEvent>> partners, int maxEvents);

    /**
     * Leases up to {@code max} due records (PENDING or FAILED, next attempt passed, no live lease) of the
     * given partners to {@code owner} until now + {@code lease}: oldest event first, and a record only when
     * every earlier record of its partner and ordering key is DELIVERED or DEAD, so events of one report
     * reach a partner in order. A lease that expired (its dispatcher crashed) is taken again.
     */
    List<Claimed> claim(String owner, Set<String> partners, Duration lease, int max);

    /** Marks a leased record delivered. @return false when {@code owner} no longer held its lease (nothing changed) */
    boolean delivered(long id, String owner, String partnerReference);

    /**
     * Records a failed attempt of a leased record: FAILED with the next attempt at {@code nextAttempt}, or
     * DEAD when {@code dead}. {@code error} is a short reason, cut to 200 characters.
     *
     * @return false when {@code owner} no longer held its lease (nothing changed)
     */
    boolean failed(long id, String owner, String error, Instant nextAttempt, boolean dead);

    /** Every delivery of a report's events and of its items' events, oldest first. */
    List<Delivery> forReport(String reference);

    /** The DEAD records, newest first. */
    Page<Delivery> dead(int page, int size);

    /** One record. */
    Optional<Delivery> find(long id);

    /**
     * Makes a DEAD or DELIVERED record PENDING again, due now, with its idempotency key unchanged (the
     * partner recognises it). @throws IllegalArgumentException for an unknown id or a record PENDING or FAILED
     */
    Delivery redeliver(long id);

    /** How many records are in each state, per partner. */
    Map<String, Map<DeliveryState, Long>> counts();
}
