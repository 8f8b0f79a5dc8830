package org.laporpredator.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Durable storage of reports, items and the outbox. */
@ProviderType
public interface ReportStore {

    /**
     * Stores the report, its items (deduplicated by key) and an outbox event in one transaction,
     * under a reference drawn from the issuer (drawn again on collision).
     *
     * @return the reference, once committed
     * @throws ServiceUnavailable when the transaction could not be committed
     */
    String save(NewReport report, ReferenceIssuer references);

    /**
     * The report stored under an idempotency key, if any; keys are kept for a day.
     *
     * @param keyHash {@link IdempotencyKey#keyHash()}
     */
    Optional<IdempotencyKey.Stored> idempotent(String keyHash);

    /** The status of a report, empty when no report has that reference. */
    Optional<StatusRecord> status(String reference);

    /** The public counters, read fresh. */
    Stats stats();

    /** True when the database answers. */
    boolean isHealthy();
}
