package org.laporpredator.api;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who is asking, as a key for per-client limits: an IPv4 address, or the /64 network of an IPv6 address
 * (one household or phone gets a whole /64). Behind trusted reverse proxies, the right-most address of
 * {@code Forwarded} or {@code X-Forwarded-For} that is not a trusted proxy; from anyone else these headers
 * are ignored, so a client cannot pick its own key. Pure; parses address literals only, never looks up a
 * name. The keys are for memory only: never store or log them.
 */
public final class ClientAddresses {

    private final List<Network> trusted;

    private ClientAddresses(List<Network> trusted) {
        this.trusted = trusted;
    }

    /** No proxy is trusted: the connection's address decides. */
    public static final ClientAddresses DIRECT = new ClientAddresses(List.of());

    /**
     * @param trustedProxies addresses and networks, comma- or space-separated ({@code 127.0.0.1, 10.0.0.0/8, ::1})
     * @throws IllegalArgumentException naming an entry that is neither
     */
    public static ClientAddresses trusting(String trustedProxies) {
        List<Network> out = new ArrayList<>();
        if (trustedProxies != null) {
            for (String entry : trustedProxies.split("[,\\s]+")) {
                if (!entry.isEmpty()) {
                    out.add(Network.parse(entry));
                }
            }
        }
        return new ClientAddresses(List.copyOf(out));
    }

    /**
     * The key of the client behind a request.
     *
     * @param remoteAddress the connection's peer address
     * @param forwarded     the values of every {@code Forwarded} header, in order (RFC 7239)
     * @param forwardedFor  the values of every {@code X-Forwarded-For} header, in order; read only
     *                      when there is no {@code Forwarded} header
     */
    public String client(String remoteAddress, List<String> forwarded, List<String> forwardedFor) {
        InetAddress peer = literal(remoteAddress);
        if (peer == null) {
            return "?" + String.valueOf(remoteAddress);
        }
        if (!isTrusted(peer)) {
            return group(peer);
        }
        List<String> hops = forwarded != null && !forwarded.isEmpty() ? forwardedFor(forwarded) : split(forwardedFor);
        String last = group(peer);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                // set by a trusted proxy, yet not an address ("unknown", an obfuscated name): the best key there is
                return "?" + hops.get(i).toLowerCase(Locale.ROOT);
            }
            last = group(hop);
            if (!isTrusted(hop)) {
                return last;
            }
        }
        return last; // every hop is a trusted proxy
    }

    /** An IPv4 address as it is, an IPv6 address as its /64 ({@code 2001:db8:1:2::/64}). */
    static String group(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            for (int i = 8; i < 16; i++) {
                b[i] = 0;
            }
            return InetAddresses.toAddrString(bytes(b)) + "/64";
        }
        return a.getHostAddress();
    }

    private boolean isTrusted(InetAddress a) {
        for (Network n : trusted) {
            if (n.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code for=} values of Forwarded headers, in order. */
    private static List<String> forwardedFor(List<String> headers) {
        List<String> out = new ArrayList<>();
        for (String header : headers) {
            for (String element : header.split(",")) {
                String value = null;
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                        value = pair.substring(eq + 1).trim();
                    }
                }
                if (value != null) {
                    out.add(node(value));
                }
            }
        }
        return out;
    }

    /** A Forwarded node without quotes, brackets or port: {@code "[2001:db8::1]:4711"} gives {@code 2001:db8::1}. */
    private static String node(String value) {
        String v = value;
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            return close > 0 ? v.substring(1, close) : v;
        }
        int colon = v.indexOf(':');
        return colon > 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
    }

    private static List<String> split(List<String> headers) {
        List<String> out = new ArrayList<>();
        if (headers != null) {
            for (String header : headers) {
                for (String part : header.split(",")) {
                    String p = part.trim();
                    if (!p.isEmpty()) {
                        out.add(node(p));
                    }
                }
            }
        }
        return out;
    }

    /** An address literal, IPv4-mapped IPv6 as IPv4; null for anything else. Never a name lookup. */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone > 0) {
            t = t.substring(0, zone);
        }
        if (!InetAddresses.isInetAddress(t)) {
            return null;
        }
        InetAddress a = InetAddresses.forString(t);
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                return bytes(new byte[] {b[12], b[13], b[14], b[15]});
            }
        }
        return a;
    }

    private static InetAddress bytes(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An address with a prefix length. */
    private record Network(byte[] address, int bits) {

        static Network parse(String text) {
            int slash = text.indexOf('/');
            InetAddress a = literal(slash < 0 ? text : text.substring(0, slash));
            if (a == null) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or network");
            }
            int max = a instanceof Inet4Address ? 32 : 128;
            int bits = max;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("'" + text + "' has a wrong prefix length");
                }
            }
            return new Network(a.getAddress(), bits);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != address.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != address[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (address[full] & mask);
        }
    }
}
