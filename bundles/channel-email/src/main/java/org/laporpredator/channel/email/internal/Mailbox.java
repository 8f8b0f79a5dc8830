package org.laporpredator.channel.email.internal;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * One IMAP connection to the hotline's mailbox: its folder opened read-write, the processed and review
 * folders created when missing; messages read in UID order, moved (MOVE, else copy, delete, expunge);
 * waiting for new mail with IDLE where the server offers it, for at most the poll interval, else by
 * polling. Not thread-safe except {@link #wake}, which another thread calls to end a wait.
 */
final class Mailbox implements AutoCloseable {

    private final MailboxSettings settings;
    private final Object sleep = new Object();
    private volatile boolean woken;
    /** The server announced a message (EXISTS) since the last wait began: the next wait ends at once. */
    private volatile boolean arrived;
    private volatile boolean idling;
    private IMAPStore store;
    private IMAPFolder folder;
    private boolean idle;
    private ScheduledExecutorService watchdog;

    Mailbox(MailboxSettings settings) {
        this.settings = settings;
    }

    /** Connects and opens the folders. */
    void open() throws MessagingException {
        String protocol = settings.security().equals("imaps") ? "imaps" : "imap";
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.setProperty(prefix + "host", settings.host());
        p.setProperty(prefix + "port", Integer.toString(settings.port()));
        String millis = Long.toString(settings.timeout().toMillis());
        p.setProperty(prefix + "connectiontimeout", millis);
        p.setProperty(prefix + "timeout", millis);
        p.setProperty(prefix + "writetimeout", millis);
        p.setProperty(prefix + "connectionpooltimeout", millis);
        if (settings.security().equals("starttls")) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (!settings.security().equals("none")) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        // bodies are read once each, as a whole: no partial fetches of big attachments in small steps
        p.setProperty(prefix + "partialfetch", "false");
        Session session = Session.getInstance(p);
        store = (IMAPStore) session.getStore(protocol);
        store.connect(settings.host(), settings.port(), settings.username(), settings.password());
        folder = (IMAPFolder) store.getFolder(settings.folder());
        folder.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                // on the mail library's event thread; an EXISTS read while the IDLE starts does not end it
                arrived = true;
                if (idling) {
                    endIdleSoon();
                }
            }
        });
        folder.open(Folder.READ_WRITE);
        idle = store.hasCapability("IDLE");
        if (idle) {
            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lapor-email-idle");
                t.setDaemon(true);
                return t;
            });
        }
        ensure(settings.processedFolder());
        ensure(settings.reviewFolder());
    }

    private void ensure(String name) throws MessagingException {
        Folder f = store.getFolder(name);
        if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create the folder " + name);
        }
    }

    long uidValidity() throws MessagingException {
        return folder.getUIDValidity();
    }

    /**
     * At most {@code max} messages with a UID above {@code uid}, in UID order, each fetched whole in one
     * command for them all (no round trip per part).
     */
    List<Message> after(long uid, int max) throws MessagingException {
        List<Message> list = lookUp(uid, max);
        if (list.isEmpty() && stale()) {
            // the server's count (STATUS) is not the one its EXISTS replies told: select the folder again
            folder.close(false);
            folder.open(Folder.READ_WRITE);
            list = lookUp(uid, max);
        }
        return list;
    }

    /**
     * Whether the server holds another number of messages than the folder's view: a server that announced a
     * message late or with a wrong count (GreenMail's EXISTS during IDLE was seen to) would otherwise hide it
     * from this connection until it is opened again.
     */
    private boolean stale() throws MessagingException {
        int seen = folder.getMessageCount();
        int held = store.getFolder(settings.folder()).getMessageCount(); // a folder not open: STATUS
        return held != seen;
    }

    private List<Message> lookUp(long uid, int max) throws MessagingException {
        Message[] found = folder.getMessagesByUID(uid + 1, UIDFolder.MAXUID);
        FetchProfile ids = new FetchProfile();
        ids.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(found, ids);
        List<Message> list = new ArrayList<>(Math.min(found.length, max));
        for (Message m : found) {
            // "n:*" names the last message even when its UID is below n
            if (m != null && !m.isExpunged() && folder.getUID(m) > uid && list.size() < max) {
                list.add(m);
            }
        }
        FetchProfile whole = new FetchProfile();
        whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(list.toArray(new Message[0]), whole);
        return list;
    }

    long uid(Message m) throws MessagingException {
        return folder.getUID(m);
    }

    /** Moves the messages to the named folder (created at {@link #open}), in one command. */
    void move(Message[] one, String to) throws MessagingException {
        if (one.length == 0) {
            return;
        }
        Folder target = store.getFolder(to);
        if (store.hasCapability("MOVE")) {
            folder.moveMessages(one, target);
            return;
        }
        folder.copyMessages(one, target);
        folder.setFlags(one, new Flags(Flags.Flag.DELETED), true);
        if (store.hasCapability("UIDPLUS")) {
            folder.expunge(one);
        } else {
            folder.expunge();
        }
    }

    /** Whether waits use IDLE. */
    boolean idles() {
        return idle;
    }

    /**
     * Waits until the server announces new mail (IDLE, where offered), or {@code max} has passed, or
     * {@link #wake} is called. A message announced during the pass (EXISTS in any reply) ends it at once; one
     * that arrives between the pass and the IDLE command, which some servers announce only on the next change,
     * waits {@code max} at most.
     */
    void await(Duration max) throws MessagingException, InterruptedException {
        if (woken) {
            woken = false;
            return;
        }
        if (idle) {
            if (arrived) {
                arrived = false;
                return;
            }
            // the watchdog's NOOP ends the IDLE after max
            ScheduledFuture<?> end = watchdog.schedule(this::interruptIdle, max.toMillis(), TimeUnit.MILLISECONDS);
            idling = true;
            try {
                if (!arrived) {
                    folder.idle(true);
                }
            } finally {
                idling = false;
                end.cancel(false);
                arrived = false;
                woken = false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return;
        }
        synchronized (sleep) {
            if (!woken) {
                sleep.wait(max.toMillis());
            }
            woken = false;
        }
    }

    /** A NOOP from another thread: the mail library ends a running IDLE (DONE) before it sends it. */
    private void interruptIdle() {
        try {
            folder.doCommand(p -> {
                p.noop();
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // the connection failed: the IDLE ends with it
        }
    }

    /** Ends a wait from another thread (the channel stopping). */
    void wake() {
        woken = true;
        synchronized (sleep) {
            sleep.notifyAll();
        }
        endIdleSoon();
    }

    private void endIdleSoon() {
        ScheduledExecutorService w = watchdog;
        if (w != null) {
            try {
                w.execute(this::interruptIdle);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // closing anyway
        }
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException | RuntimeException e) {
            // closed anyway
        }
    }
}
