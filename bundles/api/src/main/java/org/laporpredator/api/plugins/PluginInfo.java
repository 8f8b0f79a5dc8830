package org.laporpredator.api.plugins;

import java.util.List;

/**
 * A plugin as admins see it.
 *
 * @param name     the plugin's name: its feature's name (a KAR's first feature)
 * @param version  its version
 * @param source   where it was installed from
 * @param features the features it installed, {@code name/version}
 * @param modules  the ids of the modules its bundles carry
 * @param state    ACTIVE, FAILED (a component threw on activation), STARTING or REMOVED
 * @param problem  what is wrong with it, for admins; null when nothing is
 */
public record PluginInfo(String name, String version, String source, List<String> features, List<String> modules,
        String state, String problem) {

    public PluginInfo {
        features = List.copyOf(features);
        modules = List.copyOf(modules);
    }
}
