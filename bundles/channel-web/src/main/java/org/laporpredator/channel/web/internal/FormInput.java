package org.laporpredator.channel.web.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The report form's fields as the reporter filled them in (kept to show the form again).
 *
 * @param contactName       the "name" contact field
 * @param contactEmailPhone the "email or phone" contact field
 * @param lang              the page language the form was sent from
 * @param chatExport        a pasted (or, with JavaScript, loaded) WhatsApp chat export
 */
record FormInput(String platform, String urls, String category, String description, boolean anonymous,
        String contactName, String contactEmailPhone, String lang, String chatExport) {

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

    /** Joins the contact fields. */
    static final String CONTACT_SEPARATOR = " / ";

    static FormInput empty(String lang) {
        return new FormInput(null, null, null, null, false, null, null, lang, null);
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

    /** Parses an application/x-www-form-urlencoded body (UTF-8); the first value of a name wins. @throws WebError 400 */
    static FormInput parse(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq >= 0 ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
                String value = URLDecoder.decode(eq >= 0 ? pair.substring(eq + 1) : "", StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new WebError(400, "malformed_form");
            }
        }
        return of(fields);
    }

    static FormInput of(Map<String, String> f) {
        String anon = f.get(ANONYMOUS);
        boolean anonymous = anon != null && (anon.equals("true") || anon.equals("on"));
        return new FormInput(f.get(PLATFORM), f.get(URLS), f.get(CATEGORY), f.get(DESCRIPTION), anonymous,
                f.get(CONTACT_NAME), f.get(CONTACT_EMAIL_PHONE), f.get(LANG), f.get(CHAT_EXPORT));
    }
}
