package org.laporpredator.api.plugins;

/** A plugin could not be installed or removed; the message says why, for admins. */
public class PluginFailed extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginFailed(String message) {
        super(message);
    }

    public PluginFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
