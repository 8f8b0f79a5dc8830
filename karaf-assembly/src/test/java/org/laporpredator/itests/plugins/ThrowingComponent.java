package org.laporpredator.itests.plugins;

/** Packed by PluginIT into a plugin whose DS component throws on activation. */
public class ThrowingComponent {

    public void activate() {
        throw new IllegalStateException("example failure: the partner endpoint is not configured");
    }
}
