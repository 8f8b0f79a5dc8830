package org.laporpredator.api.cases;

import java.time.Instant;
import java.util.Optional;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.StatusMessage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Case handling. Every decision (classification, removal, status) is written in one transaction with an
 * audit row, an entry in the report's history, the public counters and an outbox event for partners
 * ({@code item.classified}, {@code item.removed}, {@code report.status-changed}); none holds a contact.
 * {@code actor} is the account that acts.
 */
@ProviderType
public interface Cases {

    Page<QueueEntry> queue(QueueQuery query);

    Optional<CaseReport> report(String reference);

    /**
     * The decrypted contact of a report, audited with the reason; empty for an anonymous report.
     *
     * @throws CaseNotFound for an unknown reference
     */
    Optional<String> revealContact(String reference, String actor, String reason);

    /** Classifies an item for every report that names it; a new decision replaces the last, kept in history. @throws CaseNotFound */
    CaseItem classify(long itemId, Classification classification, String note, String actor);

    /** Records that the content is gone from its platform (at {@code removedAt}, null: now). @throws CaseNotFound */
    CaseItem recordRemoval(long itemId, Instant removedAt, String note, String actor);

    /** Undoes a mistaken removal. @throws CaseNotFound */
    CaseItem undoRemoval(long itemId, String actor);

    /**
     * Moves a report on ({@link Transitions}); the reporter then sees {@code message} (null: the status's
     * default), which must be one of {@link StatusMessage#of(ReportStatus) the status's messages}.
     *
     * @return the message the reporter now sees
     * @throws CaseNotFound             for an unknown reference
     * @throws TransitionNotAllowed     for a move not allowed
     * @throws IllegalArgumentException for a message of another status
     */
    StatusMessage changeStatus(String reference, ReportStatus to, StatusMessage message, String actor);

    /**
     * Moves every report naming the item that is RECEIVED or UNDER_REVIEW on to REFERRED (a RECEIVED one
     * through UNDER_REVIEW, each step in its history, audit log and events as a status change by
     * {@code actor}), showing the default message: the dispatcher calls it once an authority took the
     * item's classification. Reports further on are left alone.
     *
     * @return the references moved
     * @throws CaseNotFound for an unknown item
     */
    java.util.List<String> referReportsNaming(long itemId, String actor);

    /** The dashboard's figures for the last {@code days} days (1 to 366). */
    Dashboard dashboard(int days);

    /**
     * Every item first reported in [from, to) (either may be null: open), with the given classification
     * (null: any), oldest first, handed to {@code sink} one by one as they are read (streamed, not held).
     */
    void exportItems(Instant from, Instant to, Classification classification, java.util.function.Consumer<ExportRow> sink);

    /** Appends a row to the audit log (logins, module switches, account changes). */
    void audit(String actor, String action, String target, String detail);

    Page<AuditEntry> audit(AuditQuery query);
}
