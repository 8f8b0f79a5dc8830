package org.laporpredator.conversation.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.laporpredator.api.Category;
import org.laporpredator.api.ItemSource;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReceiptItem;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.StatusLookup;
import org.laporpredator.api.StatusMessage;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;
import org.laporpredator.api.TooManySubmissions;
import org.laporpredator.conversation.Choice;
import org.laporpredator.conversation.Conversation;
import org.laporpredator.conversation.Incoming;
import org.laporpredator.conversation.Outgoing;
import org.laporpredator.conversation.internal.State.Step;

/**
 * The steps: language, a child in danger now?, is it happening to you?, what happened, where, the links,
 * in words (optional), may we contact you here?, the summary, the reference. At any step: status, help,
 * start again, cancel, language. Free text where a button was expected is understood where it can be and
 * otherwise the question is asked again; the flow never dead-ends. Files are refused unread.
 */
final class Flow {

    static final List<String> PLATFORMS = List.of("WHATSAPP", "TELEGRAM", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X",
            "DISCORD", "YOUTUBE", "WECHAT", "WEBSITE", "OTHER");
    private static final Pattern STATUS = Pattern.compile("^/?(\\D+?)\\s*(\\d{8})?$");
    /** Links kept at most, each at most {@link #MAX_LINK} long: a chat's state stays within the store's limit. */
    private static final int MAX_LINKS = 10;
    private static final int MAX_LINK = 800;
    private static final int MAX_DESCRIPTION = 2000;
    /** A pasted chat export kept at most (one Telegram message holds 4,096). */
    private static final int MAX_EXPORT = 4096;

    private final Texts texts;
    private final Ports ports;
    private final String siteUrl;

    Flow(Texts texts, Ports ports, String siteUrl) {
        this.texts = texts;
        this.ports = ports;
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
    }

    /** The first messages of a new chat: the language question, or, with a language known, the first question. */
    List<Outgoing> begin(State s) {
        List<Outgoing> out = new ArrayList<>();
        if (s.step == Step.LANGUAGE) {
            out.add(languageQuestion(s));
        } else {
            out.add(new Outgoing(t(s, "welcome")));
            out.add(ask(s));
        }
        return out;
    }

    /**
     * One message: the answers to send. {@code channel}, {@code chatKey} (the chat's id) and {@code client} (null:
     * the chat) are for the submission.
     */
    List<Outgoing> handle(State s, Incoming in, String channel, String chatKey, String client, long now) {
        List<Outgoing> out = new ArrayList<>();
        if (in.media() != null) {
            s.refused++;
            out.add(new Outgoing(t(s, "media.refused")));
            out.add(ask(s));
            return out;
        }
        String typed = in.text() == null ? "" : in.text().strip();
        String choice = in.choice();
        if (choice == null && !typed.isEmpty() && command(s, typed, chatKey, now, out)) {
            return out;
        }
        if (choice != null && choice.startsWith("cmd:")) {
            if (command(s, "/" + choice.substring(4), chatKey, now, out)) {
                return out;
            }
        }
        switch (s.step) {
            case LANGUAGE -> language(s, typed, choice, out);
            case DANGER -> danger(s, typed, choice, out);
            case WHO -> who(s, typed, choice, out);
            case CATEGORY -> category(s, typed, choice, out);
            case PLATFORM -> platform(s, typed, choice, out);
            case LINKS -> links(s, typed, choice, out);
            case DETAILS -> details(s, typed, choice, channel, out);
            case CONTACT -> contact(s, typed, choice, out);
            case CONFIRM -> confirm(s, typed, choice, channel, chatKey, client, now, out);
            case DONE -> {
                // a new message after a report: a new report, in the same language
                State fresh = State.fresh(s.language, now);
                copy(fresh, s);
                s.step = Step.DANGER;
                out.add(new Outgoing(t(s, "again.welcome")));
                out.add(ask(s));
            }
        }
        return out;
    }

    // ---- commands, at any step

    /** Whether the text is one of the commands understood at any step. */
    boolean isCommand(String typed) {
        String t = Texts.normal(typed);
        Matcher m = STATUS.matcher(t);
        if (m.matches() && texts.means(m.group(1), "status.words")) {
            return true;
        }
        return t.startsWith("/") || texts.means(t, "restart.words") || texts.means(t, "help.words")
                || texts.means(t, "cancel.words") || texts.means(t, "language.words");
    }

    private boolean command(State s, String typed, String chatKey, long now, List<Outgoing> out) {
        Matcher m = STATUS.matcher(Texts.normal(typed));
        String word = m.matches() ? m.group(1) : null;
        boolean slash = typed.startsWith("/");
        if (word != null && texts.means(word, "status.words")) {
            status(s, m.group(2), chatKey, out);
            return true;
        }
        if (slash && word != null && word.equals("start") || texts.means(typed, "restart.words")) {
            boolean telegramStart = slash && "start".equals(word);
            State fresh = State.fresh(s.language, now);
            copy(fresh, s);
            s.step = telegramStart ? Step.LANGUAGE : Step.DANGER;
            if (telegramStart) {
                out.add(languageQuestion(s));
            } else {
                out.add(new Outgoing(t(s, "restarted")));
                out.add(ask(s));
            }
            return true;
        }
        if (texts.means(typed, "help.words") || slash && "help".equals(word)) {
            out.add(new Outgoing(t(s, "help.text")));
            out.add(ask(s));
            return true;
        }
        if (texts.means(typed, "cancel.words") || slash && "cancel".equals(word)) {
            State fresh = State.fresh(s.language, now);
            copy(fresh, s);
            s.step = Step.DONE;
            out.add(new Outgoing(t(s, "cancelled")));
            return true;
        }
        if (texts.means(typed, "language.words") || slash && "language".equals(word)) {
            if (s.step != Step.LANGUAGE && s.step != Step.DONE) {
                s.resume = s.step;
            }
            s.step = Step.LANGUAGE;
            out.add(languageQuestion(s));
            return true;
        }
        return false;
    }

    private void status(State s, String reference, String chatKey, List<Outgoing> out) {
        if (reference == null) {
            out.add(new Outgoing(t(s, "status.usage")));
            return;
        }
        if (!ReferenceNumbers.isValid(reference)) {
            out.add(new Outgoing(t(s, "status.invalid", reference)));
            return;
        }
        try {
            Optional<StatusRecord> r = ports.status(reference, sha256("client:" + chatKey));
            if (r.isEmpty()) {
                out.add(new Outgoing(t(s, "status.unknown", reference)));
                return;
            }
            StatusMessage message = r.get().message() != null ? r.get().message() : StatusMessage.defaultFor(r.get().status());
            out.add(new Outgoing(t(s, "status.answer", reference, message.text(s.language),
                    siteUrl + "/status?ref=" + reference + "&lang=" + s.language)));
        } catch (StatusLookup.TooManyLookups e) {
            out.add(new Outgoing(t(s, "status.busy", e.retryAfterSeconds())));
        } catch (ServiceUnavailable e) {
            out.add(new Outgoing(t(s, "error.unavailable")));
        }
    }

    // ---- the steps

    private void language(State s, String typed, String choice, List<Outgoing> out) {
        String chosen = null;
        if (choice != null && choice.startsWith("lang:") && Conversation.LANGUAGES.contains(choice.substring(5))) {
            chosen = choice.substring(5);
        }
        for (String l : Conversation.LANGUAGES) {
            if (chosen == null && (texts.means(typed, "language." + l + ".words") || Texts.normal(typed).equals(l))) {
                chosen = l;
            }
        }
        if (chosen == null) {
            out.add(languageQuestion(s));
            return;
        }
        s.language = chosen;
        boolean resuming = s.resume != null;
        s.step = resuming ? s.resume : Step.DANGER;
        s.resume = null;
        if (!resuming) {
            out.add(new Outgoing(t(s, "welcome")));
        }
        out.add(ask(s));
    }

    private void danger(State s, String typed, String choice, List<Outgoing> out) {
        Boolean yes = yesNo(typed, choice, "danger");
        if (yes == null) {
            out.add(again(s));
            return;
        }
        s.urgent = yes;
        if (yes) {
            out.add(new Outgoing(t(s, "danger.help")));
        }
        s.step = Step.WHO;
        out.add(ask(s));
    }

    private void who(State s, String typed, String choice, List<Outgoing> out) {
        Boolean me = "who:me".equals(choice) || texts.means(typed, "who.me.words") ? Boolean.TRUE
                : "who:other".equals(choice) || texts.means(typed, "who.other.words") ? Boolean.FALSE : null;
        if (me == null) {
            out.add(again(s));
            return;
        }
        s.self = me;
        if (me) {
            out.add(new Outgoing(t(s, "who.me.kind")));
        }
        s.step = Step.CATEGORY;
        out.add(ask(s));
    }

    private void category(State s, String typed, String choice, List<Outgoing> out) {
        String chosen = null;
        for (Category c : Category.values()) {
            if (("cat:" + c.name()).equals(choice) || texts.means(typed, "category." + c.name() + ".words")
                    || Texts.normal(typed).equals(Texts.normal(t(s, "category." + c.name())))) {
                chosen = c.name();
            }
        }
        if (chosen == null) {
            out.add(again(s));
            return;
        }
        s.category = chosen;
        if (s.self && "SEXTORTION".equals(chosen)) {
            out.add(new Outgoing(t(s, "sextortion.self")));
        }
        s.step = Step.PLATFORM;
        out.add(ask(s));
    }

    private void platform(State s, String typed, String choice, List<Outgoing> out) {
        String chosen = null;
        for (String p : PLATFORMS) {
            if (("platform:" + p).equals(choice) || Texts.normal(typed).equals(Texts.normal(t(s, "platform." + p)))
                    || texts.means(typed, "platform." + p + ".words")) {
                chosen = p;
            }
        }
        if (chosen == null && !typed.isEmpty() && !ports.recognise(typed).isEmpty()) {
            // a link where the platform was asked: taken as the first link
            s.platform = "OTHER";
            s.step = Step.LINKS;
            links(s, typed, null, out);
            return;
        }
        if (chosen == null) {
            out.add(again(s));
            return;
        }
        s.platform = chosen;
        s.step = Step.LINKS;
        out.add(ask(s));
    }

    private void links(State s, String typed, String choice, List<Outgoing> out) {
        if ("links:done".equals(choice) || texts.means(typed, "done.words")) {
            if (s.links.isEmpty() && s.chatExport == null) {
                out.add(new Outgoing(t(s, "links.need_one"), List.of()));
                return;
            }
            s.step = Step.DETAILS;
            out.add(ask(s));
            return;
        }
        if (typed.isEmpty()) {
            out.add(again(s));
            return;
        }
        List<ReceiptItem> found = ports.recognise(typed);
        boolean export = found.stream().anyMatch(i -> i.source() == ItemSource.CHAT);
        if (found.isEmpty()) {
            out.add(new Outgoing(t(s, "links.none"), linksChoices(s)));
            return;
        }
        if (export) {
            String joined = s.chatExport == null ? typed : s.chatExport + "\n" + typed;
            s.chatExport = joined.length() > MAX_EXPORT ? joined.substring(0, MAX_EXPORT) : joined;
        } else {
            for (ReceiptItem i : found) {
                if (s.links.size() < MAX_LINKS && i.input().length() <= MAX_LINK && !s.links.contains(i.input())) {
                    s.links.add(i.input());
                }
            }
        }
        StringBuilder noted = new StringBuilder();
        for (ReceiptItem i : found) {
            noted.append("\n• ").append(label(s, i));
        }
        out.add(new Outgoing(t(s, "links.noted", noted.toString()), linksChoices(s)));
    }

    private List<Choice> linksChoices(State s) {
        return List.of(new Choice("links:done", t(s, "links.done")));
    }

    private void details(State s, String typed, String choice, String channel, List<Outgoing> out) {
        if ("details:skip".equals(choice) || texts.means(typed, "skip.words")) {
            s.description = null;
        } else if (!typed.isEmpty()) {
            s.description = typed.length() > MAX_DESCRIPTION ? typed.substring(0, MAX_DESCRIPTION) : typed;
        } else {
            out.add(again(s));
            return;
        }
        s.step = Step.CONTACT;
        if (!ports.reaches(channel)) { // e.g. the web chat: nothing reaches a closed browser, so nothing is promised
            s.contact = false;
            s.step = Step.CONFIRM;
        }
        out.add(ask(s));
    }

    private void contact(State s, String typed, String choice, List<Outgoing> out) {
        Boolean yes = yesNo(typed, choice, "contact");
        if (yes == null) {
            out.add(again(s));
            return;
        }
        s.contact = yes;
        s.step = Step.CONFIRM;
        out.add(ask(s));
    }

    private void confirm(State s, String typed, String choice, String channel, String chatKey, String client, long now,
            List<Outgoing> out) {
        if ("confirm:restart".equals(choice)) {
            State fresh = State.fresh(s.language, now);
            copy(fresh, s);
            s.step = Step.DANGER;
            out.add(new Outgoing(t(s, "restarted")));
            out.add(ask(s));
            return;
        }
        if (!"confirm:yes".equals(choice) && !texts.means(typed, "yes.words") && !texts.means(typed, "send.words")) {
            out.add(again(s));
            return;
        }
        Receipt receipt;
        try {
            receipt = ports.submit(submission(s, channel, chatKey, client));
        } catch (TooManySubmissions e) {
            out.add(new Outgoing(t(s, "error.too_many", Math.max(1, (e.retryAfterSeconds() + 59) / 60)), confirmChoices(s)));
            return;
        } catch (ServiceUnavailable e) {
            out.add(new Outgoing(t(s, "error.unavailable"), confirmChoices(s)));
            return;
        } catch (SubmissionRejected e) {
            if ("no_urls".equals(e.code())) {
                s.links.clear();
                s.chatExport = null;
                s.step = Step.LINKS;
                out.add(new Outgoing(t(s, "links.need_one")));
                return;
            }
            out.add(new Outgoing(t(s, "error.rejected")));
            s.step = Step.DONE;
            return;
        }
        s.reference = receipt.reference();
        s.step = Step.DONE;
        out.add(new Outgoing(t(s, "done.reference", receipt.reference(),
                siteUrl + "/status?ref=" + receipt.reference() + "&lang=" + s.language, receipt.reference())));
        out.add(new Outgoing(t(s, s.contact ? "done.next.contact" : "done.next")));
        out.add(new Outgoing(t(s, "done.closing")));
    }

    Submission submission(State s, String channel, String chatKey, String client) {
        StringBuilder d = new StringBuilder();
        if (s.description != null) {
            d.append(s.description);
        }
        if (s.self) {
            d.append(d.length() > 0 ? "\n\n" : "").append("[The reporter says this is happening to them.]");
        }
        if (s.refused > 0) {
            d.append(d.length() > 0 ? "\n\n" : "").append("[The reporter tried to send ").append(s.refused)
                    .append(" file(s) in the chat; refused, never downloaded.]");
        }
        PlatformHint hint = s.platform == null ? null : PlatformHint.valueOf(s.platform);
        return new Submission(channel, hint, s.links, Category.valueOf(s.category), d.length() == 0 ? null : d.toString(),
                !s.contact, s.contact ? channel + ":" + chatKey : null, s.language, s.chatExport,
                client != null ? client : sha256("client:" + channel + ":" + chatKey), sha256("chat:" + channel + ":" + chatKey + ":" + s.startedAt),
                s.urgent);
    }

    // ---- questions

    /** Choices get their list button's label in the reporter's language. */
    List<Outgoing> menus(List<Outgoing> out, String language) {
        List<Outgoing> labelled = new java.util.ArrayList<>(out.size());
        for (Outgoing o : out) {
            labelled.add(o.choices().isEmpty() || o.menu() != null ? o : new Outgoing(o.text(), o.choices(), texts.get(language, "menu")));
        }
        return labelled;
    }

    /** The question of the current step, with its choices. */
    Outgoing ask(State s) {
        return switch (s.step) {
            case LANGUAGE -> languageQuestion(s);
            case DANGER -> new Outgoing(t(s, "danger.question"), List.of(new Choice("danger:yes", t(s, "danger.yes")),
                    new Choice("danger:no", t(s, "danger.no"))));
            case WHO -> new Outgoing(t(s, "who.question"), List.of(new Choice("who:me", t(s, "who.me")),
                    new Choice("who:other", t(s, "who.other"))));
            case CATEGORY -> {
                List<Choice> c = new ArrayList<>();
                for (Category cat : Category.values()) {
                    c.add(new Choice("cat:" + cat.name(), t(s, "category." + cat.name())));
                }
                yield new Outgoing(t(s, "category.question"), c);
            }
            case PLATFORM -> {
                List<Choice> c = new ArrayList<>();
                for (String p : PLATFORMS) {
                    c.add(new Choice("platform:" + p, t(s, "platform." + p)));
                }
                yield new Outgoing(t(s, "platform.question"), c);
            }
            case LINKS -> new Outgoing(t(s, s.links.isEmpty() ? "links.question" : "links.more"),
                    s.links.isEmpty() ? List.of() : linksChoices(s));
            case DETAILS -> new Outgoing(t(s, "details.question"), List.of(new Choice("details:skip", t(s, "details.skip"))));
            case CONTACT -> new Outgoing(t(s, "contact.question"), List.of(new Choice("contact:yes", t(s, "contact.yes")),
                    new Choice("contact:no", t(s, "contact.no"))));
            case CONFIRM -> new Outgoing(summary(s), confirmChoices(s));
            case DONE -> new Outgoing(t(s, "again.welcome"));
        };
    }

    private List<Choice> confirmChoices(State s) {
        return List.of(new Choice("confirm:yes", t(s, "confirm.yes")), new Choice("confirm:restart", t(s, "confirm.restart")));
    }

    private String summary(State s) {
        StringBuilder links = new StringBuilder();
        for (String l : s.links) {
            links.append("\n• ").append(l);
        }
        if (s.chatExport != null) {
            links.append("\n• ").append(t(s, "summary.export"));
        }
        return t(s, "confirm.summary", t(s, "category." + s.category), t(s, "platform." + s.platform), links.toString(),
                s.description == null ? "-" : s.description, t(s, s.contact ? "contact.yes" : "contact.no"),
                t(s, s.urgent ? "danger.yes" : "danger.no"));
    }

    private Outgoing languageQuestion(State s) {
        List<Choice> c = new ArrayList<>();
        for (String l : Conversation.LANGUAGES) {
            c.add(new Choice("lang:" + l, texts.get(l, "language.name")));
        }
        StringBuilder text = new StringBuilder();
        for (String l : Conversation.LANGUAGES) {
            text.append(text.length() > 0 ? "\n" : "").append(texts.get(l, "language.question"));
        }
        return new Outgoing(text.toString(), c, "Bahasa · Language");
    }

    /** Not understood: said kindly, and the step's question again. */
    private Outgoing again(State s) {
        Outgoing q = ask(s);
        return new Outgoing(t(s, "again") + "\n\n" + q.text(), q.choices());
    }

    private Boolean yesNo(String typed, String choice, String step) {
        if ((step + ":yes").equals(choice) || texts.means(typed, "yes.words")) {
            return Boolean.TRUE;
        }
        if ((step + ":no").equals(choice) || texts.means(typed, "no.words")) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** What was recognised, e.g. "Telegram (channel): https://t.me/x". */
    private String label(State s, ReceiptItem i) {
        String kind = i.kind() == null ? "" : i.kind().toLowerCase(Locale.ROOT);
        String kindText = texts.has(s.language, "kind." + kind) ? t(s, "kind." + kind) : kind;
        String platform = i.platform() == null ? "" : i.platform();
        String where = i.canonicalUrl() != null ? i.canonicalUrl() : i.input();
        return platform + (kindText.isEmpty() ? "" : " (" + kindText + ")") + ": " + where;
    }

    private String t(State s, String key, Object... args) {
        return texts.get(s.language, key, args);
    }

    private static void copy(State from, State to) {
        to.step = from.step;
        to.language = from.language;
        to.urgent = from.urgent;
        to.self = from.self;
        to.category = from.category;
        to.platform = from.platform;
        to.links = from.links;
        to.chatExport = from.chatExport;
        to.description = from.description;
        to.contact = from.contact;
        to.refused = from.refused;
        to.startedAt = from.startedAt;
        to.reference = from.reference;
        to.resume = from.resume;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
