package org.laporpredator.plugins.internal.shell;

import java.net.URI;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.laporpredator.api.plugins.PluginAdmin;
import org.laporpredator.api.plugins.PluginFailed;
import org.laporpredator.api.plugins.PluginInfo;

@Service
@Command(scope = "lapor", name = "install", description = "Installs or upgrades a plugin (a KAR or a features repository) while the platform runs; no other bundle is refreshed")
public class InstallCommand implements Action {

    @Reference
    PluginAdmin plugins;

    @Argument(index = 0, name = "url", required = true,
            description = "file:, mvn: or http(s): URL of a KAR or features repository, or a path to a KAR")
    String url;

    @Override
    public Object execute() throws PluginFailed {
        PluginInfo p = plugins.install(source(url));
        return PluginsCommand.line(p);
    }

    static URI source(String text) {
        if (text.matches("^(file|mvn|https?):.*")) {
            return URI.create(text.strip());
        }
        return Path.of(text.strip()).toAbsolutePath().toUri();
    }
}
