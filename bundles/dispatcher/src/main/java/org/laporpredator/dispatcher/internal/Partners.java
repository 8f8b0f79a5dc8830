package org.laporpredator.dispatcher.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The partners are the configurations of notifiers: {@code etc/org.laporpredator.notifier.<partner>.cfg},
 * one PID per partner, or a factory configuration per partner ({@code
 * org.laporpredator.notifier.webhook-<name>.cfg}: partner {@code webhook-<name>}). Read from Configuration
 * Admin, not from the notifier services, so that a partner's routing holds while its notifier bundle is
 * stopped, switched off or uninstalled: its records are still made, and wait.
 */
final class Partners {

    static final String PREFIX = "org.laporpredator.notifier.";

    private Partners() {
    }

    /** Every partner's route, by partner id. */
    static Map<String, Route> read(ConfigurationAdmin cm) throws IOException {
        Map<String, Route> out = new TreeMap<>();
        Configuration[] configs;
        try {
            configs = cm.listConfigurations("(|(service.pid=" + PREFIX + "*)(service.factoryPid=" + PREFIX + "*))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (configs == null) {
            return out;
        }
        for (Configuration c : configs) {
            String partner = partnerId(c.getPid(), c.getFactoryPid(), c.getProperties());
            if (partner != null) {
                out.put(partner, Route.of(partner, c.getProperties()));
            }
        }
        return out;
    }

    /**
     * {@code org.laporpredator.notifier.pdrm} → {@code pdrm}; a factory configuration of
     * {@code org.laporpredator.notifier.webhook} named {@code mcmc} (PID {@code ...webhook~mcmc}, or a
     * generated PID with the file name {@code org.laporpredator.notifier.webhook-mcmc.cfg}) →
     * {@code webhook-mcmc}; null for anything else.
     */
    static String partnerId(String pid, String factoryPid, Dictionary<String, ?> properties) {
        if (factoryPid == null) {
            return pid != null && pid.startsWith(PREFIX) && pid.length() > PREFIX.length() ? pid.substring(PREFIX.length()) : null;
        }
        if (!factoryPid.startsWith(PREFIX)) {
            return null;
        }
        String type = factoryPid.substring(PREFIX.length());
        int tilde = pid == null ? -1 : pid.indexOf('~');
        if (tilde >= 0 && tilde < pid.length() - 1) {
            return type + "-" + pid.substring(tilde + 1);
        }
        Object file = properties == null ? null : properties.get("felix.fileinstall.filename");
        if (file != null) {
            String name = String.valueOf(file);
            name = name.substring(name.lastIndexOf('/') + 1);
            String head = factoryPid + "-";
            if (name.startsWith(head) && name.endsWith(".cfg") && name.length() > head.length() + 4) {
                return type + "-" + name.substring(head.length(), name.length() - 4);
            }
        }
        return null;
    }
}
