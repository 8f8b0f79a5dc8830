package org.laporpredator.plugins.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.plugins.PluginAdmin;
import org.laporpredator.api.plugins.PluginFailed;

@Service
@Command(scope = "lapor", name = "uninstall", description = "Removes a plugin; stored reports, items and deliveries stay (a removed notifier's deliveries wait)")
public class UninstallCommand implements Action {

    @Reference
    PluginAdmin plugins;

    @Reference
    Session session;

    @Reference(optional = true)
    Cases cases;

    @Argument(index = 0, name = "plugin", required = true, description = "The plugin's name or one of its module ids, as lapor:plugins shows")
    String name;

    @Override
    public Object execute() {
        try {
            var p = plugins.uninstall(name);
            PluginsCommand.audit(cases, session, "plugin-removed", p.name(), p.version());
            session.getConsole().println("Plugin " + p.name() + " " + p.version() + " removed.");
        } catch (PluginFailed e) {
            session.getConsole().println("Plugin " + e.getMessage());
        }
        return null;
    }
}
