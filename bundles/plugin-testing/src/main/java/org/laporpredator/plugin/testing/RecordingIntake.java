package org.laporpredator.plugin.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.Submission;
import org.laporpredator.spi.Kinds;
import org.laporpredator.spi.Platforms;

/**
 * A {@link ReportIntake} for channel tests: it records every submission and answers with a receipt
 * (status {@code RECEIVED}, a fresh 8-digit reference with a valid check digit, each link as a website item);
 * {@link #failNext} makes the next submission throw, e.g. a {@code org.laporpredator.api.SubmissionRejected}
 * or {@code ServiceUnavailable}, to test what the channel tells the reporter. Thread-safe.
 */
public final class RecordingIntake implements ReportIntake {

    private final List<Submission> submissions = new ArrayList<>();
    private final List<Receipt> receipts = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicInteger next = new AtomicInteger(1_000_000);

    @Override
    public Receipt submit(Submission submission) {
        RuntimeException e = failure.getAndSet(null);
        if (e != null) {
            throw e; // a failed submission stores nothing: it is not recorded
        }
        String reference = ReferenceNumbers.complete(String.valueOf(next.incrementAndGet()));
        List<ReceiptItem> items = new ArrayList<>();
        for (String url : submission.urls()) {
            items.add(new ReceiptItem(url, Platforms.WEBSITE, Kinds.WEB_PAGE, url.strip()));
        }
        Receipt receipt = new Receipt(reference, ReportStatus.RECEIVED, items);
        synchronized (this) {
            submissions.add(submission);
            receipts.add(receipt);
        }
        return receipt;
    }

    /** The submissions taken so far, in order (not those that failed). */
    public synchronized List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    /** The receipts given so far, in the order of {@link #submissions()}. */
    public synchronized List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    /** The next {@link #submit} throws this (once) and records nothing. */
    public void failNext(RuntimeException e) {
        failure.set(e);
    }
}
