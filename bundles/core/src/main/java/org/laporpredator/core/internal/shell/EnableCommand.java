package org.laporpredator.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.cases.Cases;

@Service
@Command(scope = "lapor", name = "enable", description = "Switches a module on (kept across restarts)")
public class EnableCommand implements Action {

    @Reference
    ModuleAdmin modules;

    @Reference(optional = true)
    Cases cases;

    @Reference
    Session session;

    @Argument(index = 0, name = "id", description = "The module id, as lapor:modules shows it", required = true)
    @Completion(ModuleIdCompleter.class)
    String id;

    @Override
    public Object execute() {
        modules.enable(id);
        ShellAudit.record(cases, session, "module-enabled", id);
        return "Module " + id + " enabled.";
    }
}
