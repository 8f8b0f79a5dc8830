import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;

/**
 * The email intake benchmark's two helpers, compiled and run by bench/email/run.sh (javac, the GreenMail jars
 * from ~/.m2 on the class path, no Maven):
 *
 * <ul>
 * <li>{@code serve <smtpPort> <imapPort> <controlPort>}: GreenMail on loopback (SMTP and IMAP, no TLS) with the
 * hotline's mailbox {@code hotline@bench.test} / {@code bench-secret} and the reporter {@code reporter@bench.test},
 * and a loopback HTTP control port: POST /fill?n=&tag= puts n realistic messages (each its own Message-ID, BM or
 * English, one or two links no other message has) straight into the hotline's INBOX; POST /clear empties the
 * hotline's folders and the reporter's INBOX; /fill answers the INBOX's count; POST /mark?n= starts the clock for n messages; GET /stats answers
 * {@code inbox processed review replies first_ms processed_ms replied_ms}: the folders' counts, the replies
 * (Auto-Submitted: auto-replied) the reporter received, and the ms since the mark until the first message
 * reached Lapor-Processed, until Lapor-Processed held n and INBOX none, until n replies had arrived (-1: not
 * yet). A watcher thread looks every 10 ms, so the times are to about 10 ms.</li>
 * <li>{@code web <base-url> <count> <tag>}: submits {@code count} reports through POST /api/reports on one
 * connection, one after another (each must be 201); prints {@code ok seconds reports_per_second}.</li>
 * </ul>
 */
public final class EmailBench {

    static final String HOTLINE = "hotline@bench.test";
    static final String REPORTER = "reporter@bench.test";
    static final String PASSWORD = "bench-secret";
    static final String PROCESSED = "Lapor-Processed";
    static final String REVIEW = "Lapor-Review";

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "serve" -> serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "web" -> web(args[1], Integer.parseInt(args[2]), args[3]);
            default -> {
                System.err.println("usage: EmailBench serve <smtpPort> <imapPort> <controlPort> | web <base-url> <count> <tag>");
                System.exit(2);
            }
        }
    }

    // ---- the mail server

    private static GreenMail mail;
    private static GreenMailUser hotline;
    private static GreenMailUser reporter;
    private static final Session SESSION = Session.getInstance(new Properties());

    /** The clock and what the watcher saw; guarded by EmailBench.class. */
    private static long markNanos;
    private static int target = Integer.MAX_VALUE;
    private static long firstMs = -1;
    private static long processedMs = -1;
    private static long repliedMs = -1;
    private static int[] counts = new int[4];
    /** Reporter's INBOX messages already looked at, and the replies among them (the watcher's thread only). */
    private static int looked;
    private static int replies;
    private static volatile boolean resetReplies;

    private static void serve(int smtp, int imap, int control) throws Exception {
        ServerSetup[] setups = {new ServerSetup(smtp, "127.0.0.1", "smtp"), new ServerSetup(imap, "127.0.0.1", "imap")};
        boolean nodelay = !"0".equals(System.getProperty("nodelay"));
        mail = !nodelay ? new GreenMail(setups) : new GreenMail(setups) {
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
                Map<String, AbstractServer> services = new HashMap<>(super.createServices(config, managers));
                for (ServerSetup setup : config) {
                    services.put(setup.getProtocol(), new NoDelay(services.get(setup.getProtocol()), setup, managers));
                }
                return services;
            }
        };
        mail.start();
        hotline = mail.setUser(HOTLINE, HOTLINE, PASSWORD);
        reporter = mail.setUser(REPORTER, REPORTER, PASSWORD);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), control), 16);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/fill", x -> control(x, q -> fill(Integer.parseInt(q.get("n")), q.getOrDefault("tag", "t"))));
        server.createContext("/clear", x -> control(x, q -> clear()));
        server.createContext("/mark", x -> control(x, q -> mark(Integer.parseInt(q.get("n")))));
        server.createContext("/stats", x -> control(x, q -> stats()));
        server.start();
        Thread watcher = new Thread(EmailBench::watch, "watcher");
        watcher.setDaemon(true);
        watcher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        System.out.println((nodelay ? "TCP_NODELAY; " : "GreenMail's sockets as shipped (Nagle on); ") + "GreenMail: SMTP 127.0.0.1:" + smtp + ", IMAP 127.0.0.1:" + imap + "; control http://127.0.0.1:"
                + control + "/");
    }

    /**
     * GreenMail's server (SMTP or IMAP, ImapServer is final: its handler is made through reflection) with
     * TCP_NODELAY on every client socket. As shipped, GreenMail writes a multi-line reply (EHLO's, a FETCH's) in
     * several writes with Nagle on: the second waits for the client's delayed ACK, about 40 ms on Linux; an SMTP
     * connect+EHLO measured 45 ms that way, 1 ms with TCP_NODELAY. A real MTA sends its reply at once; the
     * benchmark is of the hotline, not of GreenMail's sockets. -Dnodelay=0: as shipped.
     */
    static final class NoDelay extends AbstractServer {
        private final AbstractServer inner;
        private final Method handler;

        NoDelay(AbstractServer inner, ServerSetup setup, Managers managers) {
            super(setup, managers);
            this.inner = inner;
            try {
                handler = inner.getClass().getDeclaredMethod("createProtocolHandler", Socket.class);
                handler.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void handleClientSocket(Socket socket) throws SocketException {
            socket.setTcpNoDelay(true);
            super.handleClientSocket(socket);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            try {
                return (ProtocolHandler) handler.invoke(inner, socket);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    interface Action {
        String run(Map<String, String> query) throws Exception;
    }

    private static void control(HttpExchange x, Action action) throws IOException {
        try {
            x.getRequestBody().readAllBytes();
            Map<String, String> q = new HashMap<>();
            String raw = x.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String kv : raw.split("&")) {
                    int i = kv.indexOf('=');
                    if (i > 0) {
                        q.put(kv.substring(0, i), kv.substring(i + 1));
                    }
                }
            }
            int status = 200;
            String body;
            try {
                body = action.run(q);
            } catch (Exception e) {
                status = 500;
                body = e.toString();
            }
            byte[] b = (body + "\n").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, b.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        } finally {
            x.close();
        }
    }

    private static final String[] NAMES = {"Siti Aminah", "Ahmad Faizal", "Mei Ling", "Rajesh Kumar", "Nurul Huda", "Daniel Tan"};

    /** n messages from the reporter into the hotline's INBOX, as the mail server would have stored them. */
    private static String fill(int n, String tag) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String id = "<bench-" + tag + "-" + i + "." + System.nanoTime() + "@rumah.test>";
            MimeMessage m = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", id);
                }
            };
            m.setFrom(new InternetAddress(REPORTER, NAMES[i % NAMES.length], "UTF-8"));
            m.setRecipients(Message.RecipientType.TO, HOTLINE);
            m.setSentDate(new Date());
            String group = "https://t.me/+grp" + tag + i;
            String page = "https://www.facebook.com/groups/" + tag + "." + i;
            boolean two = i % 3 != 0;
            if (i % 2 == 0) {
                m.setSubject("Kumpulan Telegram berkongsi gambar kanak-kanak", "UTF-8");
                m.setText("Salam tuan/puan,\n\nSaya jumpa kumpulan ini dalam telefon anak saya. Mereka berkongsi gambar "
                        + "dan video kanak-kanak yang tidak senonoh dan meminta gambar daripada budak-budak:\n" + group + "\n"
                        + (two ? "Pentadbir kumpulan itu juga ada halaman ini: " + page + "\n" : "")
                        + "\nSaya tidak mahu nama saya disebut. Tolong ambil tindakan segera.\n\nTerima kasih.\n", "UTF-8");
            } else {
                m.setSubject("Report: group sharing child abuse material", "UTF-8");
                m.setText("Hello,\n\nA stranger added my 12-year-old to this group, where adults share sexual images of "
                        + "children and ask the kids to send photos of themselves:\n" + page + "\n"
                        + (two ? "They also pushed her to join this Telegram group: " + group + "\n" : "")
                        + "\nPlease take it down. You may contact me at this address.\n\nThank you.\n", "UTF-8");
            }
            m.saveChanges();
            hotline.deliver(m);
        }
        return count(hotline, "INBOX") + " in the INBOX; " + n + " filled in " + (System.nanoTime() - t0) / 1_000_000 + " ms";
    }

    private static MailFolder folder(GreenMailUser user, String name) {
        return mail.getManagers().getImapHostManager().getFolder(user, name);
    }

    private static int count(GreenMailUser user, String name) {
        MailFolder f = folder(user, name);
        return f == null ? 0 : f.getMessageCount();
    }

    /** Empties the hotline's folders and the reporter's INBOX (the channel must be off). */
    private static String clear() {
        for (String name : List.of("INBOX", PROCESSED, REVIEW)) {
            MailFolder f = folder(hotline, name);
            if (f != null) {
                f.deleteAllMessages();
            }
        }
        folder(reporter, "INBOX").deleteAllMessages();
        resetReplies = true;
        synchronized (EmailBench.class) {
            target = Integer.MAX_VALUE;
        }
        return "cleared";
    }

    private static synchronized String mark(int n) {
        markNanos = System.nanoTime();
        target = n;
        firstMs = processedMs = repliedMs = -1;
        return "marked " + n;
    }

    private static synchronized String stats() {
        return counts[0] + " " + counts[1] + " " + counts[2] + " " + counts[3] + " " + firstMs + " " + processedMs + " "
                + repliedMs;
    }

    private static void watch() {
        while (true) {
            try {
                if (resetReplies) {
                    resetReplies = false;
                    looked = 0;
                    replies = 0;
                }
                long looking = System.nanoTime();
                int inbox = count(hotline, "INBOX");
                int processed = count(hotline, PROCESSED);
                int review = count(hotline, REVIEW);
                List<StoredMessage> got = folder(reporter, "INBOX").getMessages();
                if (got.size() < looked) {
                    looked = 0;
                    replies = 0;
                }
                for (int i = looked; i < got.size(); i++) {
                    if ("auto-replied".equals(got.get(i).getMimeMessage().getHeader("Auto-Submitted", null))) {
                        replies++;
                    }
                }
                looked = got.size();
                synchronized (EmailBench.class) {
                    long ms = (System.nanoTime() - markNanos) / 1_000_000;
                    counts = new int[] {inbox, processed, review, replies};
                    if (target != Integer.MAX_VALUE && looking - markNanos >= 0) { // counted after the mark
                        if (firstMs < 0 && processed > 0) {
                            firstMs = ms;
                        }
                        if (processedMs < 0 && processed >= target && inbox == 0) {
                            processedMs = ms;
                        }
                        if (repliedMs < 0 && replies >= target) {
                            repliedMs = ms;
                        }
                    }
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("watcher: " + e);
            }
        }
    }

    // ---- the web baseline

    private static void web(String base, int count, String tag) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newSingleThreadExecutor()).build();
        URI uri = URI.create(base + "/api/reports");
        long t0 = System.nanoTime();
        int ok = 0;
        for (int i = 0; i < count; i++) {
            boolean ms = i % 2 == 0;
            String body = "{\"urls\":[\"https://t.me/+web" + tag + i + "\""
                    + (i % 3 != 0 ? ",\"https://www.facebook.com/groups/web" + tag + "." + i + "\"" : "") + "],"
                    + "\"category\":\"CSAM\",\"platform\":\"TELEGRAM\",\"description\":\""
                    + (ms ? "Saya jumpa kumpulan ini dalam telefon anak saya. Mereka berkongsi gambar kanak-kanak."
                            : "A stranger added my child to this group, where adults share sexual images of children.")
                    + "\",\"anonymous\":" + ms + (ms ? "" : ",\"contact\":\"" + REPORTER + "\"")
                    + ",\"language\":\"" + (ms ? "ms" : "en") + "\"}";
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                System.err.println("POST /api/reports answered " + r.statusCode() + ": " + r.body());
                System.exit(1);
            }
            ok++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%d %.2f %.1f%n", ok, s, ok / s);
        System.exit(0); // the client's threads would keep the JVM
    }
}
