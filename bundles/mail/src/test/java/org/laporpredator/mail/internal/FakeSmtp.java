package org.laporpredator.mail.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A scripted SMTP server on 127.0.0.1 for replies GreenMail does not give (4xx and 5xx to a recipient or to the data). */
final class FakeSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    /** The reply to each RCPT TO, by the address in it. */
    volatile Function<String, String> rcpt = a -> "250 2.1.5 ok";
    volatile String mail = "250 2.1.0 ok";
    volatile String data = "250 2.0.0 queued";
    final List<String> commands = new CopyOnWriteArrayList<>();
    volatile int messages;
    volatile int connections;
    /** Hang up after each mail's reply, as a server that takes one mail per connection does without saying so. */
    volatile boolean hangUpAfterData;

    FakeSmtp() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        thread = new Thread(this::run, "fake-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void run() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                serve(s);
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    private void serve(Socket s) throws IOException {
        connections++;
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        reply(out, "220 fake ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String upper = line.toUpperCase();
            commands.add(upper.length() > 4 ? upper.substring(0, 4) : upper);
            if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                reply(out, "250 fake");
            } else if (upper.startsWith("MAIL")) {
                reply(out, mail);
            } else if (upper.startsWith("RCPT")) {
                reply(out, rcpt.apply(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'))));
            } else if (upper.startsWith("DATA")) {
                reply(out, "354 go ahead");
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    // the message
                }
                if (data.startsWith("250")) {
                    messages++;
                }
                reply(out, data);
                if (hangUpAfterData) {
                    return;
                }
            } else if (upper.startsWith("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 ok");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
