package org.laporpredator.itests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Inside the Pax Exam container: Karaf shell commands, and what the framework's bundles are. */
final class Shell {

    private Shell() {
    }

    /** Runs a command as the shell would and returns what it printed (an exception as {@code ERROR: message}). */
    static String run(SessionFactory sessions, String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, print, print);
        try {
            Object result = session.execute(command);
            if (result != null) {
                print.println(result);
            }
        } catch (Exception e) {
            print.println("ERROR: " + e.getMessage());
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every bundle but the test's own: id → name, version, state, last modified (a refresh or update changes them). */
    static Map<Long, String> bundles(BundleContext context) {
        Map<Long, String> out = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("PAXEXAM")) {
                continue;
            }
            out.put(b.getBundleId(), b.getSymbolicName() + " " + b.getVersion() + " " + b.getState() + " " + b.getLastModified());
        }
        return out;
    }
}
