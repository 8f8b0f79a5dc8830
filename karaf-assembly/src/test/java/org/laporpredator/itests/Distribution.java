package org.laporpredator.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built tar.gz, unpacked into target/ and run with its own bin/ scripts, the way a deployer
 * runs it. Ports are moved so it runs beside a dev instance and the Pax Exam container.
 */
final class Distribution {

    final Path home;
    final int httpPort;
    final int sshPort;
    final Http http;

    Distribution(String name, int portBase) throws IOException, InterruptedException {
        this.httpPort = portBase;
        this.sshPort = portBase + 1;
        Path dir = Path.of("target", "it", name).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        String tarGz = System.getProperty("lapor.distribution");
        run(dir, List.of("tar", "xzf", tarGz, "--strip-components=1"), Duration.ofMinutes(2));
        this.home = dir;
        setProperty("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(httpPort));
        setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(sshPort));
        setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(portBase + 2));
        setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(portBase + 3));
        this.http = new Http("http://localhost:" + httpPort);
    }

    /** Sets key = value in a properties file of the distribution, replacing an existing line. */
    void setProperty(String file, String key, String value) throws IOException {
        Path path = home.resolve(file);
        String text = Files.exists(path) ? Files.readString(path, StandardCharsets.ISO_8859_1) : "";
        Pattern line = Pattern.compile("(?m)^\\s*#?\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        Matcher m = line.matcher(text);
        String entry = key + " = " + value;
        text = m.find() ? m.replaceFirst(Matcher.quoteReplacement(entry)) : text + "\n" + entry + "\n";
        Files.writeString(path, text, StandardCharsets.ISO_8859_1);
    }

    void start() throws IOException, InterruptedException {
        run(home, List.of("bin/start"), Duration.ofMinutes(1));
        http.awaitOk("/api/health", Duration.ofMinutes(3));
        // the console's bundle comes late; until its resources are in, the whiteboard rebuilds its application
        http.awaitOk("/api/admin/session", Duration.ofMinutes(1), 401);
        http.awaitOk("/api/admin/plugins", Duration.ofMinutes(1), 401); // comes with lapor-plugins
        http.awaitOk("/", Duration.ofMinutes(1));
        // the status bundle and the chat channels may come up after /api/health; each resource that comes
        // makes the whiteboard rebuild its application (404 meanwhile): wait for the last ones too
        http.awaitOk("/api/stats", Duration.ofMinutes(1));
        http.awaitOk("/api/chat/sessions", Duration.ofMinutes(1), 405);
        http.awaitOk("/api/chat/telegram", Duration.ofMinutes(1), 405);
        http.awaitOk("/api/chat/whatsapp", Duration.ofMinutes(1), 403, 503); // configured or not
        http.awaitOk("/chat", Duration.ofMinutes(1), 200, 303); // the web chat panel, on or off
    }

    /** Stops it, and when it does not stop, kills its JVMs (for a test's @After). */
    void stopOrKill() {
        try {
            stop();
        } catch (AssertionError | Exception e) {
            processes().forEach(ProcessHandle::destroyForcibly);
        }
    }

    void stop() throws IOException, InterruptedException {
        run(home, List.of("bin/stop"), Duration.ofMinutes(1));
        // bin/status says "Not Running" before the JVM has exited; wait for the process itself.
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < end) {
            if (processes().isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Karaf did not stop");
    }

    /** The JVMs running this distribution. */
    List<ProcessHandle> processes() {
        String marker = "-Dkaraf.home=" + home;
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)
                || p.info().commandLine().map(c -> c.contains(marker + " ")).orElse(false)).forEach(out::add);
        return out;
    }

    /** Runs one shell command over SSH with bin/client, as an admin would. */
    String client(String user, String password, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bin/client", "-a", String.valueOf(sshPort), "-u", user, "-p", password, "-b", "-r", "10")
                .directory(home.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/client hung: " + out);
        }
        return out;
    }

    String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(home, command, timeout);
    }

    static String run(Path dir, List<String> command, Duration timeout) throws IOException, InterruptedException {
        // Output goes to a file: a started Karaf keeps inherited pipes open.
        Path log = Files.createTempFile("lapor-it", ".out");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " timed out");
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
