import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

/**
 * The email intake benchmark's mail server and clock: GreenMail (SMTP and IMAP on loopback) as the hotline's
 * mailbox; fills it while channel-email is off, switches it on through bin/client and times until every
 * message is in the processed folder and every reply has reached the reporter. Then the baseline in the
 * same run: as many reports through POST /api/reports, one connection, one after another.
 *
 * Usage: EmailBench <smtpPort> <imapPort> <karafHome> <sshPort> <admin> <password> <httpBase> <warmup> <messages>
 */
public class EmailBench {

    static final String HOTLINE = "hotline@bench.test";
    static final String REPORTER = "reporter@bench.test";

    public static void main(String[] a) throws Exception {
        int smtp = Integer.parseInt(a[0]);
        int imap = Integer.parseInt(a[1]);
        String home = a[2];
        String ssh = a[3];
        String admin = a[4];
        String password = a[5];
        String http = a[6];
        int warmup = Integer.parseInt(a[7]);
        int messages = Integer.parseInt(a[8]);
        GreenMail mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", "smtp"),
            new ServerSetup(imap, "127.0.0.1", "imap")});
        mail.start();
        mail.setUser(HOTLINE, HOTLINE, "bench-secret");
        mail.setUser(REPORTER, REPORTER, "bench-secret");
        try {
            round(mail, home, ssh, admin, password, "warmup", warmup, 0);
            double[] email = round(mail, home, ssh, admin, password, "bench", messages, warmup);
            double web = web(http, messages);
            System.out.printf("email: %d messages; all reports (processed) after %.2f s = %.1f messages/s;"
                    + " all replies after %.2f s = %.1f messages/s%n", messages, email[0], messages / email[0],
                    email[1], messages / email[1]);
            System.out.printf("web baseline: %d reports through POST /api/reports, one connection: %.1f reports/s%n",
                    messages, web);
            System.out.printf("email (until all replies) / web: %.2f%n", (messages / email[1]) / web);
        } finally {
            mail.stop();
        }
    }

    /** Fills the mailbox with the channel off, switches it on; seconds until all processed, until all replied. */
    static double[] round(GreenMail mail, String home, String ssh, String admin, String password, String tag, int n,
            int before) throws Exception {
        shell(home, ssh, admin, password, "lapor:disable channel-email");
        Session session = Session.getInstance(new Properties());
        for (int i = 0; i < n; i++) {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(REPORTER));
            m.setRecipients(Message.RecipientType.TO, HOTLINE);
            boolean en = i % 2 == 0;
            m.setSubject(en ? "Telegram group sharing child abuse material " + i : "Kumpulan Telegram berkongsi bahan " + i, "UTF-8");
            m.setText(en ? "Hello, my daughter was added to this group: https://t.me/+grp" + tag + i
                    + " and this page https://www.facebook.com/groups/" + (100000 + i) + " please help, thank you."
                    : "Salam tuan, anak saya dimasukkan ke kumpulan ini: https://t.me/+grp" + tag + i
                    + " dan halaman ini https://www.facebook.com/groups/" + (100000 + i) + " sila ambil tindakan.", "UTF-8");
            m.saveChanges();
            mail.getUserManager().getUser(HOTLINE).deliver(m);
        }
        long start = System.nanoTime();
        shell(home, ssh, admin, password, "lapor:enable channel-email");
        double processed = -1;
        long deadline = start + 600_000_000_000L;
        while (true) {
            if (processed < 0 && count("Lapor-Processed", mail) >= before + n) {
                processed = (System.nanoTime() - start) / 1e9;
            }
            if (processed >= 0 && replies(mail) >= before + n) {
                return new double[] {processed, (System.nanoTime() - start) / 1e9};
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tag + ": not all processed and answered in 10 minutes");
            }
            Thread.sleep(250);
        }
    }

    static int replies(GreenMail mail) throws Exception {
        int n = 0;
        for (MimeMessage m : mail.getReceivedMessages()) {
            if ("auto-replied".equals(m.getHeader("Auto-Submitted", null))) {
                n++;
            }
        }
        return n;
    }

    static int count(String folder, GreenMail mail) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), HOTLINE, "bench-secret");
        try {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return 0;
            }
            f.open(Folder.READ_ONLY);
            int c = f.getMessageCount();
            f.close(false);
            return c;
        } finally {
            store.close();
        }
    }

    static double web(String base, int n) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String body = "{\"urls\":[\"https://t.me/+webgrp" + i + "\",\"https://www.facebook.com/groups/" + (500000 + i)
                    + "\"],\"category\":\"CSAM\",\"anonymous\":false,\"contact\":\"" + REPORTER
                    + "\",\"description\":\"Salam tuan, anak saya dimasukkan ke kumpulan ini.\"}";
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/reports"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST /api/reports answered " + r.statusCode() + ": " + r.body());
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    static void shell(String home, String ssh, String admin, String password, String command) throws Exception {
        Process p = new ProcessBuilder(home + "/bin/client", "-a", ssh, "-u", admin, "-p", password, "-b", "-r", "30")
                .redirectErrorStream(true).start();
        p.getOutputStream().write((command + "\n").getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || out.toLowerCase().contains("error")) {
            throw new IllegalStateException(command + ": " + out);
        }
    }
}
