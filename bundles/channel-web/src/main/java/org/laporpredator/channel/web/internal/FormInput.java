package org.laporpredator.channel.web.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The report form's fields as the reporter filled them in (kept to show the form again).
 *
 * @param contactName       the "name" contact field
 * @param contactEmailPhone the "email or phone" contact field
 * @param lang              the page language the form was sent from
 * @param chatExport        a pasted (or, with JavaScript, loaded) WhatsApp chat export
 * @param idempotencyKey    drawn when the form was shown, so sending it twice gives one report
 * @param urgent            "Is a child in danger right now?" ticked
 */
record FormInput(String platform, String urls, String category, String description, boolean anonymous,
        String contactName, String contactEmailPhone, String lang, String chatExport, String idempotencyKey,
        boolean urgent) {

    /** The form's field names (also the HTML ids). */
    static final String PLATFORM = "platform";
    static final String URLS = "urls";
    static final String CATEGORY = "category";
    static final String DESCRIPTION = "description";
    static final String ANONYMOUS = "anonymous";
    static final String CONTACT_NAME = "contactName";
    static final String CONTACT_EMAIL_PHONE = "contactEmailPhone";
    static final String LANG = "lang";
    static final String CHAT_EXPORT = "chatExport";
    static final String IDEMPOTENCY_KEY = "idempotencyKey";
    static final String URGENT = "urgent";

    /** Joins the contact fields. */
    static final String CONTACT_SEPARATOR = " / ";

    /** An empty form, with a fresh idempotency key. */
    static FormInput empty(String lang) {
        return new FormInput(null, null, null, null, false, null, null, lang, null, UUID.randomUUID().toString(), false);
    }

    /** The same fields under a fresh idempotency key: to be sent as a new report. */
    FormInput withNewKey() {
        return new FormInput(platform, urls, category, description, anonymous, contactName, contactEmailPhone, lang,
                chatExport, UUID.randomUUID().toString(), urgent);
    }

    /** The contact fields joined, or null when anonymous or both are empty. */
    String contact() {
        if (anonymous) {
            return null;
        }
        String name = SubmissionReader.blankToNull(contactName);
        String reach = SubmissionReader.blankToNull(contactEmailPhone);
        if (name == null && reach == null) {
            return null;
        }
        if (name == null || reach == null) {
            return (name != null ? name : reach).strip();
        }
        return name.strip() + CONTACT_SEPARATOR + reach.strip();
    }

    /**
     * Parses an application/x-www-form-urlencoded body (strict UTF-8); the first value of a name wins.
     *
     * @throws WebError 400 malformed_form or invalid_encoding
     */
    static FormInput parse(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        String text = Utf8.decode(body);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = Utf8.formDecode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = Utf8.formDecode(eq >= 0 ? pair.substring(eq + 1) : "");
            fields.putIfAbsent(name, value);
        }
        return of(fields);
    }

    static FormInput of(Map<String, String> f) {
        return new FormInput(f.get(PLATFORM), f.get(URLS), f.get(CATEGORY), f.get(DESCRIPTION), ticked(f.get(ANONYMOUS)),
                f.get(CONTACT_NAME), f.get(CONTACT_EMAIL_PHONE), f.get(LANG), f.get(CHAT_EXPORT), f.get(IDEMPOTENCY_KEY),
                ticked(f.get(URGENT)));
    }

    private static boolean ticked(String value) {
        return value != null && (value.equals("true") || value.equals("on"));
    }
}
