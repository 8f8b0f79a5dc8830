package org.laporpredator.mail.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.laporpredator.mail.Mail;
import org.laporpredator.mail.MailFailed;
import org.laporpredator.mail.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP mailer: Jakarta Mail 2.1 with Angus Mail, both inside this bundle. A connection that sent a
 * mail is kept for the next one (up to {@value #IDLE_MAX} kept, each for {@link #KEEP_IDLE} unused and at
 * most {@value #MAILS_PER_CONNECTION} mails; a NOOP checks it before it is used again): a reporter's
 * reply or a partner's mail does not pay a TCP, TLS and login handshake each.
 *
 * <p>{@link #problem()} is the settings' problem, else the last connection failure (refused, timed out,
 * TLS, login) until a send or a check succeeds: after such a failure a check (connect, EHLO, TLS, login,
 * QUIT; no mail) runs every {@code recheck} on a thread of its own, so that notifiers whose records wait on
 * the problem see it cleared without a send.
 *
 * <p>Logs carry reply codes and exception classes only: a server's reply text may quote an address.
 */
public final class SmtpMailer implements Mailer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    /** Connections kept unused at most. */
    static final int IDLE_MAX = 4;
    /** Mails one connection sends at most before it is closed. */
    static final int MAILS_PER_CONNECTION = 100;
    /** How long an unused connection is kept. */
    static final Duration KEEP_IDLE = Duration.ofSeconds(10);

    private final Duration recheck;
    /** Connected transports between mails, the most recently used last; guarded by itself. */
    private final Deque<Kept> kept = new ArrayDeque<>();
    private ScheduledFuture<?> sweeping;
    private final ScheduledExecutorService checker;
    private volatile Settings settings;
    private volatile Session session;
    /** The last connection failure, for {@link #problem()}; null when the last try worked. */
    private volatile String failure;
    private ScheduledFuture<?> rechecking;

    public SmtpMailer(Settings settings) {
        this(settings, Duration.ofSeconds(60));
    }

    public SmtpMailer(Settings settings, Duration recheck) {
        this.recheck = recheck;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lapor-mail-check");
            t.setDaemon(true);
            return t;
        });
        update(settings);
    }

    /** New settings: the next mail uses them; a failure seen with the old ones is forgotten. */
    public synchronized void update(Settings settings) {
        this.settings = settings;
        this.session = settings.problem() == null ? withBundleLoader(() -> Session.getInstance(properties(settings))) : null;
        this.failure = null;
        stopRechecking();
        closeKept(Long.MAX_VALUE);
        LOG.info("Mail settings: {}{}", settings, settings.problem() == null ? "" : " - " + settings.problem());
    }

    /** Checks the server in the background now (after a configuration change). */
    public void checkSoon() {
        if (settings.problem() == null) {
            checker.execute(this::check);
        }
    }

    @Override
    public String problem() {
        String p = settings.problem();
        return p != null ? p : failure;
    }

    /**
     * Connects, says EHLO, starts TLS and logs in as configured, and quits: no mail. Updates {@link #problem()}.
     *
     * @return true when it worked
     */
    public boolean check() {
        Settings s = settings;
        Session sn = session;
        if (s.problem() != null || sn == null) {
            return false;
        }
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(SmtpMailer.class.getClassLoader());
        try (Transport t = sn.getTransport("smtp")) {
            connect(t, s);
            succeeded(s);
            return true;
        } catch (MessagingException e) {
            MailFailed f = classify(e, -1);
            LOG.warn("SMTP check failed: {}", f.getMessage());
            return false;
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Override
    public void send(Mail mail) throws MailFailed {
        Settings s = settings;
        Session sn = session;
        String problem = s.problem();
        if (problem != null || sn == null) {
            throw new MailFailed(problem == null ? "mail settings changing" : problem, true, -1);
        }
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(SmtpMailer.class.getClassLoader());
        MimeMessage message;
        try {
            message = message(sn, s, mail);
        } catch (MessagingException | RuntimeException e) {
            Thread.currentThread().setContextClassLoader(before);
            LOG.warn("Mail not written: {}", e.getClass().getSimpleName());
            throw new MailFailed("mail could not be written (" + e.getClass().getSimpleName() + ")", false, -1);
        }
        Kept k = null;
        Transport transport = null;
        boolean reusable = false;
        try {
            k = take(sn);
            if (k == null) {
                transport = sn.getTransport("smtp");
                connect(transport, s);
                k = new Kept(transport, sn);
            } else {
                transport = k.transport;
            }
            Address[] recipients = message.getAllRecipients();
            try {
                transport.sendMessage(message, recipients);
            } catch (SendFailedException e) {
                Address[] sent = e.getValidSentAddresses();
                if (sent == null || sent.length == 0) {
                    throw e;
                }
                int refused = recipients.length - sent.length;
                LOG.warn("Mail sent to {} of {} recipients; {} refused ({})", sent.length, recipients.length, refused,
                        code(e, lastCode(transport)));
            }
            succeeded(s);
            reusable = true;
        } catch (MessagingException e) {
            MailFailed f = classify(e, lastCode(transport));
            LOG.warn("Mail not sent: {}{}", f.getMessage(), f.retryable() ? ", will be tried again" : "");
            throw f;
        } finally {
            if (k != null && reusable) {
                k.sent++;
                give(k);
            } else if (transport != null) {
                quietlyClose(transport);
            }
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    /** An open connection of the given session that still answers, else null (the dead ones closed). */
    private Kept take(Session sn) {
        while (true) {
            Kept k;
            synchronized (kept) {
                k = kept.pollLast();
            }
            if (k == null) {
                return null;
            }
            if (k.session == sn && System.nanoTime() - k.since < KEEP_IDLE.toNanos() && k.transport.isConnected()) {
                return k; // isConnected sent a NOOP and had 250
            }
            quietlyClose(k.transport);
        }
    }

    /** Keeps a connection that just sent a mail, or closes it when it sent its share or enough are kept. */
    private void give(Kept k) {
        if (k.sent < MAILS_PER_CONNECTION && k.session == session) {
            k.since = System.nanoTime();
            synchronized (kept) {
                if (kept.size() < IDLE_MAX && !checker.isShutdown()) {
                    kept.addLast(k);
                    if (sweeping == null) {
                        long ms = KEEP_IDLE.toMillis();
                        sweeping = checker.scheduleWithFixedDelay(() -> closeKept(KEEP_IDLE.toNanos()), ms, ms,
                                TimeUnit.MILLISECONDS);
                    }
                    return;
                }
            }
        }
        quietlyClose(k.transport);
    }

    /** Closes the kept connections unused for {@code nanos} or longer (all of them: {@code Long.MAX_VALUE}). */
    private void closeKept(long nanos) {
        java.util.List<Kept> old = new java.util.ArrayList<>();
        synchronized (kept) {
            long now = System.nanoTime();
            for (java.util.Iterator<Kept> i = kept.iterator(); i.hasNext();) {
                Kept k = i.next();
                if (nanos == Long.MAX_VALUE || now - k.since >= nanos) {
                    i.remove();
                    old.add(k);
                }
            }
            if (kept.isEmpty() && sweeping != null) {
                sweeping.cancel(false);
                sweeping = null;
            }
        }
        for (Kept k : old) {
            quietlyClose(k.transport);
        }
    }

    /** Connections kept open now (for tests). */
    int keptConnections() {
        synchronized (kept) {
            return kept.size();
        }
    }

    private static void quietlyClose(Transport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("Closing the SMTP connection: {}", e.getClass().getSimpleName());
        }
    }

    /** A connected transport between mails. */
    private static final class Kept {
        final Transport transport;
        final Session session;
        long since = System.nanoTime();
        int sent;

        Kept(Transport transport, Session session) {
            this.transport = transport;
            this.session = session;
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
        closeKept(Long.MAX_VALUE);
    }

    private static void connect(Transport t, Settings s) throws MessagingException {
        if (s.username().isEmpty()) {
            t.connect(s.host(), s.port(), null, null);
        } else {
            t.connect(s.host(), s.port(), s.username(), s.password());
        }
    }

    private synchronized void succeeded(Settings s) {
        if (s == settings && failure != null) {
            LOG.info("SMTP server reachable again");
            failure = null;
            stopRechecking();
        }
    }

    /** A failure of the connection, not of the mail: shown by {@link #problem()} until a try works. */
    private synchronized void unreachable(String why) {
        failure = why;
        if (rechecking == null && !checker.isShutdown()) {
            long every = Math.max(1, recheck.toMillis());
            rechecking = checker.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void stopRechecking() {
        if (rechecking != null) {
            rechecking.cancel(false);
            rechecking = null;
        }
    }

    /**
     * Sorts a failure: connection, timeout, TLS, login, a refused sender and 4xx are retryable (and, but for
     * 4xx to the mail, the mailer's problem until a try works); other 5xx replies to the mail are not.
     */
    MailFailed classify(MessagingException e, int lastCode) {
        if (e instanceof AuthenticationFailedException) {
            int code = replyCode(e.getMessage(), lastCode);
            String why = "SMTP login refused" + codeText(code);
            unreachable(why);
            return new MailFailed(why, true, code);
        }
        int senderCode = senderRefused(e);
        if (senderCode > 0) {
            int code = senderCode;
            String why = "SMTP server refused the sender (from)" + codeText(code);
            if (code >= 400 && code < 500) {
                return new MailFailed(why, true, code);
            }
            unreachable(why);
            return new MailFailed(why, true, code);
        }
        int code = code(e, lastCode);
        if (code >= 400) {
            if (code == 530 || code == 534 || code == 535 || code == 538) {
                String why = "the SMTP server wants a login or a stronger one" + codeText(code);
                unreachable(why);
                return new MailFailed(why, true, code);
            }
            String why = "SMTP server refused the mail" + codeText(code) + " (" + e.getClass().getSimpleName() + ")";
            return new MailFailed(why, code < 500, code);
        }
        Throwable cause = rootIoCause(e);
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
            String why = "SMTP server did not answer in time (" + cause.getClass().getSimpleName() + ")";
            unreachable(why);
            return new MailFailed(why, true, -1);
        }
        if (cause instanceof SSLException) {
            String why = "TLS with the SMTP server failed (" + cause.getClass().getSimpleName() + ")";
            unreachable(why);
            return new MailFailed(why, true, -1);
        }
        if (cause instanceof UnknownHostException) {
            String why = "SMTP server name not found (UnknownHostException)";
            unreachable(why);
            return new MailFailed(why, true, -1);
        }
        if (cause != null) {
            String why = "SMTP server not reachable (" + cause.getClass().getSimpleName() + ")";
            unreachable(why);
            return new MailFailed(why, true, -1);
        }
        String text = e.getMessage() == null ? "" : e.getMessage();
        if (text.contains("STARTTLS")) {
            String why = "the SMTP server offers no STARTTLS (security = starttls)";
            unreachable(why);
            return new MailFailed(why, true, -1);
        }
        String why = "SMTP failure (" + e.getClass().getSimpleName() + ")";
        unreachable(why);
        return new MailFailed(why, true, -1);
    }

    /** The reply code when the server refused MAIL FROM, else -1. Only the command's verb is looked at. */
    private static int senderRefused(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSenderFailedException f) {
                return Math.max(f.getReturnCode(), 1);
            }
            if (x instanceof SMTPSendFailedException f && f.getCommand() != null
                    && f.getCommand().regionMatches(true, 0, "MAIL FROM", 0, 9)) {
                return Math.max(f.getReturnCode(), 1);
            }
        }
        return -1;
    }

    /** The reply code of a failure: a refused recipient's, else its own (4xx or 5xx), else the transport's last. */
    private static int code(MessagingException e, int lastCode) {
        int own = -1;
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException f && f.getReturnCode() >= 400) {
                return f.getReturnCode();
            }
            if (own < 0 && x instanceof SMTPSendFailedException f && f.getReturnCode() >= 400) {
                own = f.getReturnCode();
            }
        }
        if (own > 0) {
            return own;
        }
        return e instanceof SendFailedException ? lastCode : -1;
    }

    private static int lastCode(Transport t) {
        return t instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
    }

    /** The three digits a server's reply starts with, never its text. */
    private static int replyCode(String message, int fallback) {
        if (message != null) {
            String m = message.strip();
            if (m.length() >= 3 && m.substring(0, 3).matches("[2-5]\\d\\d")) {
                return Integer.parseInt(m.substring(0, 3));
            }
        }
        return fallback > 0 ? fallback : -1;
    }

    private static String codeText(int code) {
        return code > 0 ? " (" + code + ")" : "";
    }

    private static Throwable rootIoCause(Throwable e) {
        IOException io = null;
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof IOException x) {
                io = x;
                if (x instanceof SSLException || x instanceof SocketTimeoutException || x instanceof UnknownHostException) {
                    return x;
                }
            }
        }
        return io;
    }

    private static Throwable next(Throwable t) {
        Throwable c = t.getCause();
        if (c == null && t instanceof MessagingException m) {
            c = m.getNextException();
        }
        return c == t ? null : c;
    }

    static Properties properties(Settings s) {
        Properties p = new Properties();
        String ms = String.valueOf(s.timeout().toMillis());
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", String.valueOf(s.port()));
        p.setProperty("mail.smtp.connectiontimeout", ms);
        p.setProperty("mail.smtp.timeout", ms);
        p.setProperty("mail.smtp.writetimeout", ms);
        p.setProperty("mail.smtp.from", s.from());
        p.setProperty("mail.smtp.sendpartial", "true");
        p.setProperty("mail.smtp.auth", String.valueOf(!s.username().isEmpty()));
        switch (s.security()) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                tls(p);
            }
            case SMTPS -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                tls(p);
            }
            case NONE -> p.setProperty("mail.smtp.starttls.enable", "false");
        }
        return p;
    }

    private static void tls(Properties p) {
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
    }

    private static MimeMessage message(Session session, Settings s, Mail mail) throws MessagingException {
        MimeMessage m = new StableIdMessage(session, mail.messageId() == null ? null
                : "<" + mail.messageId() + "@" + s.from().substring(s.from().indexOf('@') + 1) + ">");
        m.setFrom(new InternetAddress(s.from(), true));
        InternetAddress[] to = new InternetAddress[mail.to().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(mail.to().get(i), true);
        }
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(mail.subject(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-Auto-Response-Suppress", "All");
        for (Map.Entry<String, String> h : mail.headers().entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        if (mail.attachments().isEmpty()) {
            m.setText(mail.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setText(mail.text(), StandardCharsets.UTF_8.name());
            mixed.addBodyPart(body);
            for (Mail.Attachment a : mail.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                part.setFileName(a.name());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            m.setContent(mixed);
        }
        m.saveChanges();
        return m;
    }

    private interface Call<T> {
        T call();
    }

    private static <T> T withBundleLoader(Call<T> call) {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(SmtpMailer.class.getClassLoader());
        try {
            return call.call();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    /** A message whose Message-ID, when given, stays the same on every attempt. */
    private static final class StableIdMessage extends MimeMessage {
        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (id == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", id);
            }
        }
    }
}
