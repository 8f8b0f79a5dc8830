package org.laporpredator.api;

import java.util.Locale;
import java.util.ResourceBundle;

/** The coarse status a reporter may see for a reference, each with a short message in BM and English. */
public enum ReportStatus {
    RECEIVED, UNDER_REVIEW, REFERRED, ACTIONED, CLOSED;

    /** The reporter-facing message in a language ({@code ms} or {@code en}; anything else gives {@code ms}). */
    public String message(String language) {
        Locale locale = "en".equals(language) ? Locale.ENGLISH : new Locale("ms");
        ResourceBundle bundle = ResourceBundle.getBundle("org.laporpredator.api.status", locale,
                ReportStatus.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return bundle.getString("status." + name());
    }
}
