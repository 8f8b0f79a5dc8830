package org.laporpredator.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.ModuleInfo;

@Service
@Command(scope = "lapor", name = "modules", description = "Lists the channel, parser and notifier modules")
public class ModulesCommand implements Action {

    @Reference
    ModuleAdmin modules;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Kind");
        table.column("Enabled");
        table.column("State");
        table.column("Bundle");
        table.column("Name");
        table.column("Problem");
        for (ModuleInfo m : modules.modules()) {
            table.addRow().addContent(m.id(), m.kind(), m.enabled() ? "yes" : "no", m.state(), m.bundleId(), m.name(),
                    m.problem() == null ? "" : m.problem());
        }
        table.print(session.getConsole());
        return null;
    }
}
