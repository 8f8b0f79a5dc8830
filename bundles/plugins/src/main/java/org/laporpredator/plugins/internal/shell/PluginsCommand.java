package org.laporpredator.plugins.internal.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.laporpredator.api.plugins.PluginAdmin;
import org.laporpredator.api.plugins.PluginInfo;

@Service
@Command(scope = "lapor", name = "plugins", description = "Lists the plugins installed, their modules and state")
public class PluginsCommand implements Action {

    @Reference
    PluginAdmin plugins;

    @Override
    public Object execute() {
        List<PluginInfo> all = plugins.plugins();
        if (all.isEmpty()) {
            return "No plugins installed.";
        }
        StringBuilder out = new StringBuilder();
        for (PluginInfo p : all) {
            out.append(line(p)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    static String line(PluginInfo p) {
        return p.name() + " " + p.version() + " " + p.state() + " modules=" + String.join(",", p.modules())
                + " source=" + p.source() + (p.problem() == null ? "" : " problem=" + p.problem());
    }
}
