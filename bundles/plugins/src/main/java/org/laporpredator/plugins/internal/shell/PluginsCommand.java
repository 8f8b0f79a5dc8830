package org.laporpredator.plugins.internal.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.plugins.PluginAdmin;
import org.laporpredator.api.plugins.PluginInfo;

@Service
@Command(scope = "lapor", name = "plugins", description = "Lists the plugins installed, their modules and state")
public class PluginsCommand implements Action {

    @Reference
    PluginAdmin plugins;

    @Reference
    Session session;

    @Override
    public Object execute() {
        List<PluginInfo> all = plugins.plugins();
        if (all.isEmpty()) {
            session.getConsole().println("No plugins installed.");
        }
        for (PluginInfo p : all) {
            session.getConsole().println(line(p));
        }
        return null;
    }

    static String line(PluginInfo p) {
        return p.name() + " " + p.version() + " " + p.state() + " modules=" + String.join(",", p.modules())
                + " source=" + p.source() + (p.problem() == null ? "" : " problem=" + p.problem());
    }

    /** Installs and removals made in the shell go to the audit log like those made in the console. */
    static void audit(Cases cases, Session session, String action, String plugin, String detail) {
        if (cases == null) {
            return;
        }
        Object user = session.get("USER");
        try {
            cases.audit(user == null ? "shell" : "shell:" + user, action, plugin, detail);
        } catch (RuntimeException e) {
            session.getConsole().println("(not written to the audit log: " + e.getClass().getSimpleName() + ")");
        }
    }
}
