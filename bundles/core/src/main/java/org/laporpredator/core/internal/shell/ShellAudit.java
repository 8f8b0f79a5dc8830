package org.laporpredator.core.internal.shell;

import org.apache.karaf.shell.api.console.Session;
import org.laporpredator.api.cases.Cases;

/** Module switches made in the shell go to the audit log like those made in the console. */
final class ShellAudit {

    private ShellAudit() {
    }

    static void record(Cases cases, Session session, String action, String moduleId) {
        if (cases == null) {
            return; // no store: the switch itself still counts
        }
        Object user = session == null ? null : session.get("USER");
        try {
            cases.audit(user == null ? "shell" : "shell:" + user, action, moduleId, null);
        } catch (RuntimeException e) {
            System.getLogger(ShellAudit.class.getName()).log(System.Logger.Level.WARNING,
                    "A module switch could not be written to the audit log: " + e.getClass().getName());
        }
    }
}
