package org.laporpredator.plugins.internal.shell;

import java.net.URI;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.laporpredator.api.plugins.PluginAdmin;
import org.laporpredator.api.plugins.PluginFailed;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.plugins.PluginInfo;

@Service
@Command(scope = "lapor", name = "install", description = "Installs or upgrades a plugin (a KAR or a features repository) while the platform runs; no other bundle is refreshed")
public class InstallCommand implements Action {

    @Reference
    PluginAdmin plugins;

    @Reference
    Session session;

    @Reference(optional = true)
    Cases cases;

    @Argument(index = 0, name = "url", required = true,
            description = "file:, mvn: or http(s): URL of a KAR or features repository, or a path to a KAR")
    String url;

    @Override
    public Object execute() {
        try {
            PluginInfo p = plugins.install(source(url));
            PluginsCommand.audit(cases, session, "plugin-installed", p.name(), p.version() + " " + p.state());
            session.getConsole().println(PluginsCommand.line(p));
        } catch (PluginFailed e) {
            session.getConsole().println("Plugin " + e.getMessage());
        }
        return null;
    }

    static URI source(String text) {
        if (text.matches("^(file|mvn|https?):.*")) {
            return URI.create(text.strip());
        }
        return Path.of(text.strip()).toAbsolutePath().toUri();
    }
}
