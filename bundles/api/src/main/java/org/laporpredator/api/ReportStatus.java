package org.laporpredator.api;

/** The coarse status a reporter may see for a reference, each with a short message in BM and English. */
public enum ReportStatus {
    RECEIVED, UNDER_REVIEW, REFERRED, ACTIONED, CLOSED;

    /** The status's default message ({@link StatusMessage}) in a language ({@code ms} or {@code en}; anything else gives {@code ms}). */
    public String message(String language) {
        return StatusMessage.defaultFor(this).text(language);
    }
}
