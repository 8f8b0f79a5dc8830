package org.laporpredator.api.cases;

import org.laporpredator.api.ReportStatus;

/** RECEIVED → UNDER_REVIEW → REFERRED → ACTIONED → CLOSED, one step at a time; CLOSED from any state. */
public final class Transitions {

    private Transitions() {
    }

    public static boolean allowed(ReportStatus from, ReportStatus to) {
        if (from == null || to == null || from == to || from == ReportStatus.CLOSED) {
            return false;
        }
        return to == ReportStatus.CLOSED || to.ordinal() == from.ordinal() + 1;
    }
}
