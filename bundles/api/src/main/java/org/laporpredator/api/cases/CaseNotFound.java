package org.laporpredator.api.cases;

/** No report with that reference, or no item with that id; nothing was changed. */
public class CaseNotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaseNotFound(String message) {
        super(message, null, false, false);
    }
}
