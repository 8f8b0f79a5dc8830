package org.laporpredator.channel.email.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.laporpredator.api.ChannelState;
import org.laporpredator.api.IdempotencyKeyReused;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;
import org.laporpredator.api.TooManySubmissions;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.MailFailed;
import org.laporpredator.mail.Mailer;
import org.laporpredator.spi.ModuleHealth;
import org.laporpredator.spi.Modules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email channel: reads the hotline's mailbox ({@value #PID}), makes each message a report through the
 * intake pipeline, answers the sender with the reference and moves the message to the processed folder,
 * only once its report is committed. A message becomes a report at most once: its key (the Message-ID, else
 * the whole message's SHA-256) is the report's idempotency key, stored with it in one transaction, and is
 * kept afterwards in the channel's state with the reference and whether it was answered. Server down, wrong
 * password, missing folder: the channel tries again with backoff and says why in {@link #problem()}; mail
 * waits in the mailbox. Switched off, it stops reading. Logs no address and no content.
 */
@Component(service = ModuleHealth.class, immediate = true, configurationPid = EmailChannel.PID, property = {
    Modules.ID + "=" + EmailChannel.MODULE_ID,
    Modules.KIND + "=" + Modules.CHANNEL,
    Modules.NAME + "=Email (IMAP mailbox)"
})
@Designate(ocd = EmailChannelConfig.class)
public class EmailChannel implements ModuleHealth {

    public static final String PID = "org.laporpredator.channel.email";
    static final String MODULE_ID = "channel-email";
    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);
    /** Messages read per pass, fetched whole in one command. */
    static final int BATCH = 100;

    /** What became of one message. */
    enum Outcome {
        /** Moved out of the folder (processed or review). */
        DONE,
        /** Left in the folder for a later pass (rate limit, reply not sent yet, move failed). */
        LATER,
        /** Left: the store cannot take reports now; the pass ends. */
        STOP
    }

    private final ReportIntake intake;
    private final ChannelState state;
    private final Mailer mailer;
    private final MailboxSettings settings;
    private final Replies replies;
    private final int maxTextChars;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Thread loop;
    private volatile boolean stopped;
    private volatile Mailbox current;
    private volatile String problem;
    private volatile boolean lastBatchFull;
    /** Report and reply a pass's messages, several at once: each waits mostly on the store and the SMTP server. */
    private final ExecutorService workers;

    @Activate
    public EmailChannel(@Reference ReportIntake intake, @Reference ChannelState state, @Reference Mailer mailer,
            EmailChannelConfig config) {
        this(intake, state, mailer, config, Clock.systemUTC(), true);
    }

    EmailChannel(ReportIntake intake, ChannelState state, Mailer mailer, EmailChannelConfig config, Clock clock,
            boolean start) {
        this.intake = intake;
        this.state = state;
        this.mailer = mailer;
        this.settings = MailboxSettings.of(config);
        this.replies = new Replies(config.siteUrl(), config.repliesPerSenderPerHour());
        this.maxTextChars = Math.max(500, config.maxTextChars());
        this.maxBackoff = Duration.ofSeconds(Math.max(1, config.maxBackoffSeconds()));
        this.clock = clock;
        this.problem = settings.problem();
        int threads = Math.max(1, Math.min(16, config.workers()));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lapor-email-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.loop = new Thread(this::run, "lapor-email");
        this.loop.setDaemon(true);
        if (start) {
            if (problem == null) {
                loop.start();
            } else {
                LOG.warn("Email channel: {}; nothing is read", problem);
            }
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopped = true;
        Mailbox box = current;
        if (box != null) {
            box.wake();
        }
        loop.interrupt();
        if (loop.isAlive()) {
            loop.join(Duration.ofSeconds(15).toMillis());
        }
        workers.shutdownNow();
    }

    @Override
    public String problem() {
        String p = problem;
        if (p != null) {
            return p;
        }
        String m = mailer.problem();
        return m == null ? null : "replies wait: " + m;
    }

    private void run() {
        // Jakarta Mail finds its providers through the thread's context class loader: this bundle's, where it is
        Thread.currentThread().setContextClassLoader(EmailChannel.class.getClassLoader());
        Duration backoff = Duration.ofSeconds(1);
        while (!stopped) {
            try (Mailbox box = new Mailbox(settings)) {
                current = box;
                box.open();
                if (problem != null) {
                    LOG.info("Email channel: the mailbox is open again");
                }
                problem = null;
                backoff = Duration.ofSeconds(1);
                while (!stopped) {
                    boolean more = pass(box);
                    boolean full = lastBatchFull;
                    if (stopped) {
                        break;
                    }
                    if (!more) {
                        box.await(settings.poll());
                    } else if (!full) {
                        box.await(Duration.ofSeconds(1)); // some wait: the rate limit, the reply, the store
                    }
                }
            } catch (AuthenticationFailedException e) {
                fail("the IMAP server refused the login (check username and LAPOR_IMAP_PASSWORD)", e);
            } catch (FolderNotFoundException e) {
                fail("the folder " + settings.folder() + " does not exist on the IMAP server", e);
            } catch (MessagingException | RuntimeException e) {
                fail(tls(e) ? "TLS with the IMAP server at " + settings.host() + " failed (its certificate must name it)"
                        : "cannot read the mailbox at " + settings.host() + " (" + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                break;
            } finally {
                current = null;
            }
            if (stopped) {
                break;
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    private static boolean tls(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    private void fail(String why, Exception e) {
        if (stopped) {
            return;
        }
        if (!why.equals(problem)) {
            LOG.warn("Email channel: {}; trying again", why);
        }
        LOG.debug("Email channel failure", e);
        problem = why;
    }

    /**
     * Every message above the folder's cursor; the cursor moves over those done. True when some were left
     * for later. The messages are read on this thread (the folder is not thread-safe), then reported and
     * answered on the channel's workers, the messages of one key one after another; the pass's moves follow
     * once every report of it is committed.
     */
    boolean pass(Mailbox box) throws MessagingException {
        long validity = box.uidValidity();
        String cursorKey = "uid:" + settings.folder();
        long last = cursor(state.get(MODULE_ID, cursorKey), validity);
        List<Message> batch = box.after(last, BATCH);
        lastBatchFull = batch.size() == BATCH;
        Map<Long, Message> byUid = new LinkedHashMap<>();
        Map<Long, Result> results = new ConcurrentHashMap<>();
        Map<String, List<Pending>> byKey = new LinkedHashMap<>();
        for (Message m : batch) {
            long uid = box.uid(m);
            byUid.put(uid, m);
            try {
                ReadMessage read = MessageReader.read((MimeMessage) m, maxTextChars);
                String key = key(read.messageId(), (MimeMessage) m);
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Pending(uid, read, key));
            } catch (UnreadableMessage e) {
                LOG.warn("Email channel: message UID {} cannot be read ({}); moved for review", uid, e.getMessage());
                results.put(uid, Result.moveTo(settings.reviewFolder()));
            }
        }
        AtomicBoolean halt = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>();
        for (List<Pending> group : byKey.values()) {
            running.add(workers.submit(() -> {
                for (Pending p : group) {
                    if (stopped || halt.get()) {
                        results.put(p.uid(), Result.STOP);
                        continue;
                    }
                    Result r = handle(p.read(), p.key(), p.uid());
                    results.put(p.uid(), r);
                    if (r.outcome() == Outcome.STOP) {
                        halt.set(true);
                    }
                }
                return null;
            }));
        }
        RuntimeException failed = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                halt.set(true);
                Thread.currentThread().interrupt();
                if (failed == null) {
                    failed = new IllegalStateException("interrupted");
                }
            }
        }
        if (failed != null) {
            throw failed; // nothing moved: the messages are read again, their reports and replies found done
        }
        // the moves of a pass in one command per folder, after every report of it was committed
        Map<String, List<Message>> moves = new LinkedHashMap<>();
        for (Map.Entry<Long, Message> e : byUid.entrySet()) {
            Result r = results.get(e.getKey());
            if (r != null && r.outcome() == Outcome.DONE) {
                moves.computeIfAbsent(r.folder(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        for (Map.Entry<String, List<Message>> e : moves.entrySet()) {
            try {
                box.move(e.getValue().toArray(new Message[0]), e.getKey());
            } catch (MessagingException ex) {
                LOG.warn("Email channel: {} message(s) could not be moved ({}); tried again later", e.getValue().size(),
                        ex.getClass().getSimpleName());
                for (Message m : e.getValue()) {
                    results.put(box.uid(m), Result.LATER);
                }
            }
        }
        long first = last;
        boolean left = false;
        for (Long uid : byUid.keySet()) {
            Result r = results.get(uid);
            if (r == null || r.outcome() != Outcome.DONE) {
                left = true;
                break;
            }
            last = uid;
        }
        if (last != first) {
            state.put(MODULE_ID, cursorKey, validity + ":" + last);
        }
        return left || batch.size() == BATCH;
    }

    /** A message read, waiting for its report and reply. */
    private record Pending(long uid, ReadMessage read, String key) {
    }

    /** What became of a message, and for {@link Outcome#DONE} the folder it goes to. */
    record Result(Outcome outcome, String folder) {
        static final Result LATER = new Result(Outcome.LATER, null);
        static final Result STOP = new Result(Outcome.STOP, null);

        static Result moveTo(String folder) {
            return new Result(Outcome.DONE, folder);
        }
    }

    /** The last UID done, or 0 when none was stored or the folder's UIDVALIDITY changed since. */
    static long cursor(Optional<String> stored, long validity) {
        if (stored.isEmpty()) {
            return 0;
        }
        String[] parts = stored.get().split(":");
        try {
            return parts.length == 2 && Long.parseLong(parts[0]) == validity ? Long.parseLong(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One message read: its report and reply, and where it goes. */
    Result handle(ReadMessage read, String key, long uid) {
        if (read.isBounce()) {
            LOG.info("Email channel: message UID {} is a bounce; moved for review", uid);
            return Result.moveTo(settings.reviewFolder());
        }
        String senderHash = read.sender() == null ? null : sha256("sender:" + read.sender());
        Optional<String> earlier = state.get(MODULE_ID, "msg:" + key);
        String reference;
        if (earlier.isPresent()) {
            reference = earlier.get();
        } else {
            try {
                reference = submit(read, key, senderHash).reference();
            } catch (TooManySubmissions e) {
                LOG.info("Email channel: message UID {} waits: its sender sent too many reports just now", uid);
                return Result.LATER;
            } catch (IdempotencyKeyReused e) {
                LOG.warn("Email channel: message UID {} repeats the Message-ID of another report with other content;"
                        + " moved for review", uid);
                return Result.moveTo(settings.reviewFolder());
            } catch (SubmissionRejected e) {
                if ("no_urls".equals(e.code())) {
                    if (!answer(Replies.Kind.NO_LINKS, read, null, key, senderHash)) {
                        return Result.LATER;
                    }
                    LOG.info("Email channel: message UID {} holds no link; moved for review", uid);
                } else {
                    LOG.warn("Email channel: message UID {} was refused ({}); moved for review", uid, e.code());
                }
                return Result.moveTo(settings.reviewFolder());
            } catch (ServiceUnavailable e) {
                LOG.warn("Email channel: reports cannot be stored right now; message UID {} waits", uid);
                return Result.STOP;
            }
            state.put(MODULE_ID, "msg:" + key, reference);
            LOG.info("Email channel: message UID {} is report {}", uid, reference);
        }
        if (!answer(Replies.Kind.RECEIVED, read, reference, key, senderHash)) {
            return Result.LATER;
        }
        return Result.moveTo(settings.processedFolder());
    }

    private Receipt submit(ReadMessage read, String key, String senderHash) {
        String description = description(read);
        Submission s = new Submission(MODULE_ID, null, List.of(), read.category(), description, read.anonymous(),
                read.anonymous() ? null : read.sender(), read.language(), read.chatExport(), senderHash, key, false);
        try {
            return intake.submit(s);
        } catch (SubmissionRejected e) {
            if (read.chatExport() == null || !"invalid_chat_export".equals(e.code()) && !"chat_export_archive".equals(e.code())) {
                throw e;
            }
            // a .txt that is not a chat export: counted as an attachment, the rest taken as it is
            ReadMessage without = read.withoutChatExport(MessageReader.facts(read.chatExport()));
            return intake.submit(new Submission(MODULE_ID, null, List.of(), read.category(), description(without),
                    read.anonymous(), read.anonymous() ? null : read.sender(), read.language(), null, senderHash, key,
                    false));
        }
    }

    /** The subject, the text, the links behind the HTML, and what was attached (never kept). */
    String description(ReadMessage read) {
        StringBuilder b = new StringBuilder();
        if (read.subject() != null && !read.subject().isBlank()) {
            b.append("Subject: ").append(read.subject()).append("\n\n");
        }
        if (read.text() != null) {
            b.append(read.text()).append('\n');
        }
        if (!read.links().isEmpty()) {
            b.append("\nLinks in the message:\n");
            for (String link : read.links()) {
                b.append(link).append('\n');
            }
        }
        if (!read.attachments().isEmpty()) {
            b.append("\nAttachments, not kept (SHA-256, size, declared type):\n");
            for (AttachmentFacts a : read.attachments()) {
                b.append(a.sha256Hex()).append(' ').append(a.size()).append(" bytes ").append(a.declaredType()).append('\n');
            }
        }
        String text = replies.withoutOwnLinks(b.toString()).strip();
        if (text.length() > maxTextChars) {
            text = text.substring(0, maxTextChars - 1) + "…";
        }
        return text;
    }

    /**
     * Sends the reply once per message, when one may go (RFC 3834, the sender's hourly limit). False when it
     * could not be sent now and the message waits.
     */
    private boolean answer(Replies.Kind kind, ReadMessage read, String reference, String key, String senderHash) {
        String markKey = "reply:" + key;
        if (state.get(MODULE_ID, markKey).isPresent()) {
            return true;
        }
        String to = read.replyTo();
        String skip = read.noReplyReason();
        if (skip == null && (to == null || !Mail.isAddress(to))) {
            skip = "no address to reply to";
        }
        if (skip == null && kind == Replies.Kind.NO_LINKS && read.inReplyToOurs()) {
            skip = "a reply to our reply without a link";
        }
        if (skip == null && !replies.allow(senderHash == null ? sha256("to:" + to) : senderHash, clock.instant())) {
            skip = "the sender's replies this hour are used up";
        }
        if (skip != null) {
            LOG.info("Email channel: no reply ({})", skip);
            state.put(MODULE_ID, markKey, "not sent");
            return true;
        }
        if (mailer.problem() != null) {
            replies.giveBack(senderHash);
            return false;
        }
        Mail mail = replies.reply(kind, to, read.language(), reference, read.messageId(), read.subject(),
                !read.attachments().isEmpty(), key);
        try {
            mailer.send(mail);
        } catch (MailFailed e) {
            replies.giveBack(senderHash);
            if (e.retryable()) {
                LOG.info("Email channel: the reply could not be sent yet; its message waits");
                return false;
            }
            LOG.warn("Email channel: the reply was refused by the mail server; not sent");
        }
        state.put(MODULE_ID, markKey, "sent");
        return true;
    }

    /** The message's key: its Message-ID's hash, else the whole message's. */
    static String key(String messageId, MimeMessage m) throws UnreadableMessage {
        if (messageId != null && !messageId.isBlank()) {
            return sha256("id:" + messageId.strip().toLowerCase(Locale.ROOT));
        }
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), d)) {
                m.writeTo(out);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException | MessagingException e) {
            throw new UnreadableMessage("cannot read the message's bytes");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
