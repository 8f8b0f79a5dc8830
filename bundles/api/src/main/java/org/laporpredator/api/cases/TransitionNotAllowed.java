package org.laporpredator.api.cases;

import org.laporpredator.api.ReportStatus;

/** A status change {@link Transitions} does not allow; nothing was changed (HTTP 409). */
public class TransitionNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransitionNotAllowed(ReportStatus from, ReportStatus to) {
        super("A report cannot go from " + from + " to " + to + ".", null, false, false);
    }
}
