package org.laporpredator.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Host names in mail settings. */
public final class Hosts {

    private Hosts() {
    }

    /**
     * Whether {@code host} names this machine: {@code localhost} (and {@code *.localhost}, RFC 6761) or a
     * loopback IP literal. Other names are not resolved: what a name resolves to may change. Plain
     * connections (security none) are allowed only to such a host.
     */
    public static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        boolean ipv4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = h.contains(":") && h.matches("[0-9a-f:.]+");
        if (!ipv4 && !ipv6) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
