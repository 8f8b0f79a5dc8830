package org.laporpredator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The messages a reporter may be shown with a status: fixed templates in Bahasa Malaysia and English
 * (resource bundle {@code org.laporpredator.api.status}), never an analyst's own words. Reference numbers
 * are not secrets, so no template says more than a stranger holding the number may read: none names
 * a partner, a person or the details of a case, nor what was found beyond "illegal or not". Each
 * belongs to one status; the first of a status is its default.
 */
public enum StatusMessage {
    RECEIVED("received", ReportStatus.RECEIVED),
    UNDER_REVIEW("under-review", ReportStatus.UNDER_REVIEW),
    REFERRED("referred", ReportStatus.REFERRED),
    REFERRED_PLATFORM("referred-platform", ReportStatus.REFERRED),
    ACTIONED("actioned", ReportStatus.ACTIONED),
    ACTIONED_REMOVED("actioned-removed", ReportStatus.ACTIONED),
    CLOSED("closed", ReportStatus.CLOSED),
    CLOSED_NOT_ILLEGAL("closed-not-illegal", ReportStatus.CLOSED),
    CLOSED_UNREACHABLE("closed-unreachable", ReportStatus.CLOSED),
    CLOSED_ALREADY_REPORTED("closed-already-reported", ReportStatus.CLOSED);

    private final String key;
    private final ReportStatus status;

    StatusMessage(String key, ReportStatus status) {
        this.key = key;
        this.status = status;
    }

    /** The key the API and the store use, e.g. {@code closed-not-illegal}. */
    public String key() {
        return key;
    }

    public ReportStatus status() {
        return status;
    }

    /** The text in a language ({@code ms}, {@code en}, {@code zh} or {@code ta}; anything else gives {@code ms}). */
    public String text(String language) {
        Locale locale = "en".equals(language) || "zh".equals(language) || "ta".equals(language)
                ? Locale.forLanguageTag(language) : new Locale("ms");
        ResourceBundle bundle = ResourceBundle.getBundle("org.laporpredator.api.status", locale,
                StatusMessage.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return bundle.getString("message." + key);
    }

    /** The message a status shows when none was chosen. */
    public static StatusMessage defaultFor(ReportStatus status) {
        for (StatusMessage m : values()) {
            if (m.status == status) {
                return m;
            }
        }
        throw new IllegalArgumentException("no message for " + status);
    }

    /** The messages a status may show, its default first. */
    public static List<StatusMessage> of(ReportStatus status) {
        List<StatusMessage> out = new ArrayList<>();
        for (StatusMessage m : values()) {
            if (m.status == status) {
                out.add(m);
            }
        }
        return out;
    }

    /** The message with this key, or null for an unknown or null key. */
    public static StatusMessage forKey(String key) {
        for (StatusMessage m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        return null;
    }
}
