package org.laporpredator.api.plugins;

import java.net.URI;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs plugins (a KAR, or a features repository) on the running platform, one at a time in a single
 * queue, never refreshing another bundle. A plugin whose features are already installed in another version
 * is upgraded in place; its configuration in {@code etc/} is kept. Uninstalling leaves every stored report,
 * item and delivery as it is: a removed notifier's deliveries wait for it.
 */
@ProviderType
public interface PluginAdmin {

    /**
     * Installs or upgrades the plugin at {@code source} ({@code file:}, {@code mvn:}, {@code http(s):}) and
     * returns it as installed: state ACTIVE, or FAILED with the reason when one of its components threw on
     * activation (it stays installed, for the admin to configure or remove).
     *
     * @throws PluginFailed when it could not be installed (unreadable, not a plugin, does not resolve);
     *                      nothing was changed, and a plugin it was to replace is back as it was
     */
    PluginInfo install(URI source) throws PluginFailed;

    /**
     * Removes the plugin with this name, or the plugin carrying the module with this id.
     *
     * @throws PluginFailed when there is no such plugin or it could not be removed
     */
    PluginInfo uninstall(String nameOrModule) throws PluginFailed;

    /** The plugins installed, sorted by name. */
    List<PluginInfo> plugins();
}
