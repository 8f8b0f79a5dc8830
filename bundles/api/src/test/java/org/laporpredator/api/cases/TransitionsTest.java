package org.laporpredator.api.cases;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.laporpredator.api.ReportStatus;

public class TransitionsTest {

    @Test
    public void oneStepOnOrClosedFromAnyOpenState() {
        int allowed = 0;
        for (ReportStatus from : ReportStatus.values()) {
            for (ReportStatus to : ReportStatus.values()) {
                if (Transitions.allowed(from, to)) {
                    allowed++;
                }
            }
        }
        assertEquals("3 steps on, 4 closes", 7, allowed);
        assertTrue(Transitions.allowed(ReportStatus.RECEIVED, ReportStatus.UNDER_REVIEW));
        assertTrue(Transitions.allowed(ReportStatus.REFERRED, ReportStatus.ACTIONED));
        assertTrue(Transitions.allowed(ReportStatus.RECEIVED, ReportStatus.CLOSED));
        assertFalse(Transitions.allowed(ReportStatus.RECEIVED, ReportStatus.REFERRED));
        assertFalse(Transitions.allowed(ReportStatus.UNDER_REVIEW, ReportStatus.RECEIVED));
        assertFalse(Transitions.allowed(ReportStatus.CLOSED, ReportStatus.CLOSED));
        assertFalse(Transitions.allowed(ReportStatus.CLOSED, ReportStatus.RECEIVED));
        assertFalse(Transitions.allowed(null, ReportStatus.CLOSED));
        assertTrue(Classification.CSAM_NATIONAL.isCsam() && !Classification.GROOMING.isCsam());
    }
}
