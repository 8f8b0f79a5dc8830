package org.laporpredator.channel.web.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.laporpredator.api.Category;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusRecord;

/** Renders the public pages in one language. Pure: every value goes through {@link Html}'s escaping. */
final class Pages {

    private final Messages m;

    Pages(Messages m) {
        this.m = m;
    }

    /**
     * The report form.
     *
     * @param in         what the reporter filled in so far
     * @param stats      the public counters, or null when not available
     * @param error      a problem to show above the form, or null
     * @param channelOff true when web reporting is switched off
     */
    String form(FormInput in, Stats stats, String error, boolean channelOff) {
        Html h = start("title.form", "/");
        h.el("h1", m.get("title.form")).nl();
        h.open("div", "class", "intro");
        h.el("p", m.get("intro.lead"), "class", "lead");
        h.open("ul", "class", "assure");
        h.el("li", m.get("intro.anonymous"));
        h.el("li", m.get("intro.nofetch"));
        h.el("li", m.get("intro.noimages"), "id", "no-images");
        h.close("ul");
        h.el("p", m.get("intro.emergency"), "class", "emergency");
        h.close("div").nl();
        if (channelOff) {
            h.el("p", m.error("channel_disabled"), "class", "notice", "id", "channel-notice", "role", "status").nl();
        }

        h.open("section", "id", "report", "aria-labelledby", "form-heading");
        h.el("h2", m.get("form.heading"), "id", "form-heading").nl();
        h.open("form", "id", "report-form", "class", "report", "method", "post", "action", "/report",
                "accept-charset", "UTF-8", "data-api", "/api/reports",
                "data-sending", m.get("form.sending"), "data-network-error", m.get("form.error.network"),
                "data-zip-error", m.error("chat_export_archive"));
        h.open("input", "type", "hidden", "id", "lang", "name", FormInput.LANG, "value", m.lang());
        h.open("input", "type", "hidden", "id", FormInput.IDEMPOTENCY_KEY, "name", FormInput.IDEMPOTENCY_KEY,
                "value", in.idempotencyKey() == null ? java.util.UUID.randomUUID().toString() : in.idempotencyKey());
        h.el("div", error == null ? "" : error, "id", "form-error", "class", "error", "role", "alert",
                "tabindex", "-1", "hidden", error == null ? "hidden" : null).nl();

        // first of all: a child in danger now is the police's at once, before any analyst
        h.open("fieldset", "class", "urgent");
        h.el("legend", m.get("form.urgent.legend"));
        h.open("input", "type", "checkbox", "id", FormInput.URGENT, "name", FormInput.URGENT, "value", "true",
                "aria-describedby", FormInput.URGENT + "-hint", "checked", in.urgent() ? "checked" : null);
        h.el("label", m.get("form.urgent.label"), "for", FormInput.URGENT, "class", "check");
        h.el("p", m.get("form.urgent.hint"), "class", "hint", "id", FormInput.URGENT + "-hint");
        h.close("fieldset").nl();

        h.open("fieldset");
        h.el("legend", m.get("form.where.legend"));
        field(h, FormInput.PLATFORM, "form.platform.label", null);
        h.open("select", "id", FormInput.PLATFORM, "name", FormInput.PLATFORM);
        option(h, "", m.get("form.platform.none"), in.platform() == null || in.platform().isBlank());
        for (PlatformHint p : PlatformHint.values()) {
            option(h, p.name(), m.get("platform." + p.name()), p.name().equalsIgnoreCase(trim(in.platform())));
        }
        h.close("select");
        field(h, FormInput.URLS, "form.urls.label", "form.urls.hint");
        h.el("textarea", in.urls(), "id", FormInput.URLS, "name", FormInput.URLS, "rows", "4",
                "aria-describedby", FormInput.URLS + "-hint", "autocapitalize", "off", "autocomplete", "off",
                "spellcheck", "false");
        h.close("fieldset").nl();

        h.open("fieldset");
        h.el("legend", m.get("form.what.legend"));
        field(h, FormInput.CATEGORY, "form.category.label", null);
        h.open("select", "id", FormInput.CATEGORY, "name", FormInput.CATEGORY, "required", "required");
        option(h, "", m.get("form.category.choose"), in.category() == null || in.category().isBlank());
        for (Category c : Category.values()) {
            option(h, c.name(), m.get("category." + c.name()), c.name().equalsIgnoreCase(trim(in.category())));
        }
        h.close("select");
        field(h, FormInput.DESCRIPTION, "form.description.label", "form.description.hint");
        h.el("textarea", in.description(), "id", FormInput.DESCRIPTION, "name", FormInput.DESCRIPTION, "rows", "5",
                "aria-describedby", FormInput.DESCRIPTION + "-hint");
        field(h, FormInput.CHAT_EXPORT, "form.chat.label", "form.chat.hint");
        h.open("input", "type", "file", "id", "chatFile", "accept", ".txt,text/plain", "hidden", "hidden",
                "aria-label", m.get("form.chat.file"));
        h.el("textarea", in.chatExport(), "id", FormInput.CHAT_EXPORT, "name", FormInput.CHAT_EXPORT, "rows", "4",
                "aria-describedby", FormInput.CHAT_EXPORT + "-hint", "autocomplete", "off", "spellcheck", "false");
        h.close("fieldset").nl();

        // The checkbox comes before .contact so CSS alone can hide the contact fields when it is ticked.
        h.open("fieldset", "class", "who");
        h.el("legend", m.get("form.you.legend"));
        h.open("input", "type", "checkbox", "id", FormInput.ANONYMOUS, "name", FormInput.ANONYMOUS, "value", "true",
                "aria-describedby", FormInput.ANONYMOUS + "-hint", "checked", in.anonymous() ? "checked" : null);
        h.el("label", m.get("form.anonymous.label"), "for", FormInput.ANONYMOUS, "class", "check");
        h.el("p", m.get("form.anonymous.hint"), "class", "hint", "id", FormInput.ANONYMOUS + "-hint");
        h.open("div", "class", "contact", "id", "contact");
        h.el("p", m.get("form.contact.hint"), "class", "hint");
        field(h, FormInput.CONTACT_NAME, "form.contact.name", null);
        h.open("input", "type", "text", "id", FormInput.CONTACT_NAME, "name", FormInput.CONTACT_NAME,
                "autocomplete", "name", "value", in.anonymous() ? null : in.contactName());
        field(h, FormInput.CONTACT_EMAIL_PHONE, "form.contact.emailphone", null);
        h.open("input", "type", "text", "id", FormInput.CONTACT_EMAIL_PHONE, "name", FormInput.CONTACT_EMAIL_PHONE,
                "autocomplete", "email", "value", in.anonymous() ? null : in.contactEmailPhone());
        h.close("div");
        h.close("fieldset").nl();

        h.el("button", m.get("form.send"), "type", "submit", "id", "send", "class", "send").nl();
        h.close("form").nl();

        // Filled in by app.js when the report was sent without leaving the page.
        h.open("template", "id", "thanks-template");
        thanksContent(h, "h2", "", List.of());
        h.close("template").nl();
        h.close("section").nl();

        counters(h, stats);
        h.open("p", "class", "more").el("a", m.get("nav.status"), "href", "/status").close("p");
        return end(h);
    }

    /** The page shown once a report is committed. */
    String thanks(Receipt receipt) {
        Html h = start("title.thanks", "/");
        thanksContent(h, "h1", receipt.reference(), receipt.items());
        return end(h);
    }

    /**
     * The status page.
     *
     * @param ref     the reference as typed, or null
     * @param found   the status when found, else null
     * @param problem a text explaining why there is no status, or null
     */
    String status(String ref, StatusRecord found, String problem) {
        String switchPath = "/status";
        if (ref != null && !ref.isBlank()) {
            switchPath += "?ref=" + URLEncoder.encode(ref.trim(), StandardCharsets.UTF_8);
        }
        Html h = start("title.status", switchPath);
        h.el("h1", m.get("status.heading")).nl();
        if (problem != null) {
            h.el("div", problem, "id", "status-error", "class", "error", "role", "alert").nl();
        }
        if (found != null) {
            h.open("section", "id", "status-result", "class", "result", "aria-labelledby", "status-result-heading");
            h.el("h2", m.get("status.result", found.reference()), "id", "status-result-heading");
            h.el("p", m.get("statusname." + found.status().name()), "id", "status-name", "class", "status-name");
            h.el("p", found.text(m.lang()), "id", "status-message");
            if (found.updatedOn() != null) {
                String pattern = Messages.ZH.equals(m.lang()) ? "yyyy年M月d日" : "d MMMM yyyy";
                String date = DateTimeFormatter.ofPattern(pattern, m.locale()).format(found.updatedOn());
                h.el("p", m.get("status.updated", date), "id", "status-updated", "class", "hint");
            }
            h.close("section").nl();
        }
        h.el("p", m.get("status.intro"));
        h.open("form", "id", "status-form", "class", "status", "method", "get", "action", "/status",
                "accept-charset", "UTF-8");
        h.open("input", "type", "hidden", "name", FormInput.LANG, "value", m.lang());
        field(h, "ref", "status.ref.label", "status.ref.hint");
        h.open("input", "type", "text", "id", "ref", "name", "ref", "inputmode", "numeric", "autocomplete", "off",
                "maxlength", "20", "required", "required", "aria-describedby", "ref-hint",
                "value", ref == null ? null : ref.trim());
        h.el("button", m.get("status.check"), "type", "submit", "id", "check", "class", "send");
        h.close("form").nl();
        h.open("p", "class", "more").el("a", m.get("nav.report"), "href", "/").close("p");
        return end(h);
    }

    /** A page with a heading and one message. */
    String message(String titleKey, String text) {
        Html h = start(titleKey, "/");
        h.el("h1", m.get(titleKey));
        h.el("p", text, "id", "message", "role", "alert").nl();
        h.open("p", "class", "more").el("a", m.get("nav.report"), "href", "/").close("p");
        return end(h);
    }

    private void thanksContent(Html h, String headingTag, String reference, List<ReceiptItem> items) {
        h.open("div", "class", "thanks", "id", "thanks");
        h.el(headingTag, m.get("thanks.heading"), "id", "thanks-heading", "tabindex", "-1");
        h.open("p", "class", "reference-line").text(m.get("thanks.reference")).text(" ")
                .el("strong", reference, "id", "reference", "class", "reference").close("p");
        h.el("p", m.get("thanks.keep"));
        if (!items.isEmpty()) {
            h.el("h3", m.get("thanks.items"));
            h.open("ul", "class", "items", "id", "items");
            for (ReceiptItem item : items) {
                h.open("li").el("span", item.input(), "class", "url").text(" ");
                h.el("span", platformLabel(item.platform()), "class", "platform").close("li");
            }
            h.close("ul");
        }
        h.open("p").el("a", m.get("thanks.check"), "id", "status-link", "class", "button",
                "href", "/status" + (reference.isEmpty() ? "" : "?ref=" + URLEncoder.encode(reference, StandardCharsets.UTF_8)))
                .close("p");
        h.open("p").el("a", m.get("thanks.another"), "href", "/").close("p");
        h.close("div");
    }

    private String platformLabel(String platform) {
        if (platform == null) {
            return "";
        }
        String key = "platform." + platform;
        return m.has(key) ? m.get(key) : platform;
    }

    private void counters(Html h, Stats stats) {
        h.open("section", "class", "stats", "id", "stats", "aria-labelledby", "stats-heading");
        h.el("h2", m.get("stats.heading"), "id", "stats-heading");
        if (stats == null) {
            h.el("p", m.get("stats.unavailable"), "id", "stats-unavailable", "class", "hint");
        } else {
            NumberFormat n = NumberFormat.getIntegerInstance(m.locale());
            h.open("ul", "class", "counters");
            counter(h, "count-incoming", n.format(stats.incomingReports()), m.get("stats.incoming"));
            counter(h, "count-classified", n.format(stats.classifiedCsamLinks()), m.get("stats.classified"));
            counter(h, "count-removed", n.format(stats.removedCsamLinks()), m.get("stats.removed"));
            h.close("ul");
        }
        h.close("section").nl();
    }

    private static void counter(Html h, String id, String value, String label) {
        h.open("li").el("span", value, "class", "count", "id", id).el("span", label, "class", "label").close("li");
    }

    private void field(Html h, String id, String labelKey, String hintKey) {
        h.el("label", m.get(labelKey), "for", id);
        if (hintKey != null) {
            h.el("p", m.get(hintKey), "class", "hint", "id", id + "-hint");
        }
    }

    private static void option(Html h, String value, String label, boolean selected) {
        h.el("option", label, "value", value, "selected", selected ? "selected" : null);
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private Html start(String titleKey, String switchPath) {
        Html h = Html.document();
        h.open("html", "lang", m.lang()).nl();
        h.open("head").nl();
        h.open("meta", "charset", "utf-8").nl();
        h.open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").nl();
        h.open("meta", "name", "referrer", "content", "no-referrer").nl();
        h.el("title", m.get(titleKey) + " | " + m.get("site.title")).nl();
        h.open("link", "rel", "stylesheet", "href", "/static/app.css").nl();
        h.open("script", "src", "/static/app.js", "defer", "defer").close("script").nl();
        h.close("head").nl();
        h.open("body").nl();
        h.el("a", m.get("nav.skip"), "class", "skip", "href", "#main").nl();
        h.open("header", "class", "top").open("div", "class", "wrap");
        h.open("a", "class", "brand", "href", "/").text(m.get("site.title")).close("a");
        h.el("span", m.get("site.tagline"), "class", "tagline");
        h.open("nav", "aria-label", m.get("nav.label"));
        h.el("a", m.get("nav.report"), "href", "/");
        h.el("a", m.get("nav.status"), "href", "/status");
        h.el("a", m.get("nav.chat"), "href", "/chat?lang=" + m.lang(), "id", "nav-chat"); // channel-webchat's panel
        h.close("nav");
        languageSwitch(h, switchPath);
        h.close("div").close("header").nl();
        h.open("main", "id", "main", "class", "wrap").nl();
        return h;
    }

    /** One link per language, each named in its own script; the page's own language is not a link. */
    private void languageSwitch(Html h, String switchPath) {
        h.open("nav", "aria-label", m.get("lang.label"), "id", "lang-switch", "class", "langs");
        for (String lang : Messages.LANGUAGES) {
            String name = Messages.NAMES.get(lang);
            if (lang.equals(m.lang())) {
                h.el("span", name, "lang", lang, "aria-current", "true", "class", "current");
            } else {
                String href = switchPath + (switchPath.contains("?") ? "&" : "?") + "lang=" + lang;
                h.el("a", name, "href", href, "lang", lang, "hreflang", lang);
            }
        }
        h.close("nav");
    }

    private String end(Html h) {
        h.close("main").nl();
        h.open("footer", "class", "wrap");
        h.el("p", m.get("footer.privacy"));
        h.close("footer").nl();
        h.close("body").nl().close("html").nl();
        return h.toString();
    }
}
