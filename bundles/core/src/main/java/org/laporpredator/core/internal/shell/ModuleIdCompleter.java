package org.laporpredator.core.internal.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.ModuleInfo;

@Service
public class ModuleIdCompleter implements Completer {

    @Reference
    ModuleAdmin modules;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        for (ModuleInfo m : modules.modules()) {
            ids.getStrings().add(m.id());
        }
        return ids.complete(session, commandLine, candidates);
    }
}
