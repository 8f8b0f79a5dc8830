package org.laporpredator.api;

import org.osgi.annotation.versioning.ProviderType;

/** The core's front door: every channel submits through it. */
@ProviderType
public interface ReportIntake {

    /**
     * Validates, parses and stores a report in one transaction.
     *
     * @return the receipt, only after the report is committed
     * @throws SubmissionRejected  when the input is wrong; nothing is stored
     * @throws ServiceUnavailable  when the report cannot be stored now; nothing is stored
     */
    Receipt submit(Submission submission);
}
