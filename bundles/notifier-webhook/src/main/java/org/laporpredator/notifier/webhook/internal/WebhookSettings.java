package org.laporpredator.notifier.webhook.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.laporpredator.notifier.webhook.WebhookSignature;

/**
 * One partner's configuration, read from the factory configuration's properties.
 *
 * @param name     the {@code <name>} of {@code org.laporpredator.notifier.webhook-<name>.cfg}, or null when it
 *                 cannot be told (then no service is registered)
 * @param url      where to POST, or null when {@link #problem} says why not
 * @param key      the HMAC key (the decoded base64 of the secret), or null
 * @param timeout  connect and response timeout
 * @param problem  null when it can deliver; else a short sentence for admins
 * @param routing  the dispatcher's routing keys as configured, copied onto the service
 */
record WebhookSettings(String name, URI url, byte[] key, Duration timeout, String problem,
        Map<String, Object> routing) {

    static final String FACTORY_PID = "org.laporpredator.notifier.webhook";
    static final String PARTNER_PREFIX = "webhook-";
    static final int DEFAULT_TIMEOUT_SECONDS = 15;
    static final int MAX_TIMEOUT_SECONDS = 300;

    static final String URL = "url";
    static final String SECRET = "secret";
    static final String TIMEOUT = "timeoutSeconds";
    /** Read by the dispatcher; copied onto the service so it may read them there too. */
    static final List<String> ROUTING_KEYS = List.of("events", "categories", "classifications", "platforms",
            "urgentOnly", "authority");

    static final String NO_URL = "no URL configured";
    static final String BAD_URL = "url is not a valid URL";
    static final String NOT_HTTPS = "url must be https (http only to a loopback host)";
    static final String NO_SECRET = "no secret configured";
    static final String BAD_SECRET = "secret is not whsec_<base64> of 24 to 64 bytes";

    /** Set by Felix fileinstall on every configuration it creates from a file: the file's URI. */
    static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";
    private static final String SERVICE_PID = "service.pid";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The partner id the dispatcher routes by. */
    String partner() {
        return name == null ? null : PARTNER_PREFIX + name;
    }

    /** What it POSTs to for logs: scheme, host and port, never the path or query (they may hold a token). */
    String origin() {
        return url == null ? null : url.getScheme() + "://" + url.getRawAuthority();
    }

    static WebhookSettings from(Map<String, ?> props) {
        String name = name(props);
        Duration timeout = Duration.ofSeconds(timeoutSeconds(props.get(TIMEOUT)));
        Map<String, Object> routing = new LinkedHashMap<>();
        for (String k : ROUTING_KEYS) {
            Object v = props.get(k);
            if (v != null) {
                routing.put(k, v);
            }
        }
        String url = text(props.get(URL));
        String secret = text(props.get(SECRET));
        URI uri = null;
        String problem;
        if (url == null) {
            problem = NO_URL;
        } else if ((uri = uri(url)) == null) {
            problem = BAD_URL;
        } else if (!allowed(uri)) {
            problem = NOT_HTTPS;
        } else if (secret == null) {
            problem = NO_SECRET;
        } else if (!WebhookSignature.isValidSecret(secret)) {
            problem = BAD_SECRET;
        } else {
            return new WebhookSettings(name, uri, WebhookSignature.key(secret), timeout, null, Map.copyOf(routing));
        }
        return new WebhookSettings(name, uri, null, timeout, problem, Map.copyOf(routing));
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "WebhookSettings[partner=" + partner() + ", origin=" + origin() + ", timeout=" + timeout
                + ", problem=" + problem + "]";
    }

    /**
     * The partner's name, from what Karaf 4.4 puts in the configuration of
     * {@code etc/org.laporpredator.notifier.webhook-<name>.cfg}: fileinstall 3.7 names the configuration
     * {@code org.laporpredator.notifier.webhook~<name>} (ConfigurationAdmin 1.6 {@code getFactoryConfiguration})
     * and sets {@value #FILEINSTALL_FILENAME} to the file's URI; a configuration made by
     * {@code config:edit --factory --alias <name>} has a generated PID ({@code ...webhook.<uuid>}) and only the
     * file name tells. The {@code ~name} first, then the file name: the same rule, on purpose, as the
     * dispatcher's ({@code Partners.partnerId}), so that both always agree on the partner id.
     */
    static String name(Map<String, ?> props) {
        String pid = text(props.get(SERVICE_PID));
        String named = FACTORY_PID + "~";
        if (pid != null && pid.startsWith(named) && pid.length() > named.length()) {
            return pid.substring(named.length());
        }
        String file = text(props.get(FILEINSTALL_FILENAME));
        if (file != null) {
            String base = file.substring(file.lastIndexOf('/') + 1);
            String head = FACTORY_PID + "-";
            if (base.startsWith(head) && base.endsWith(".cfg") && base.length() > head.length() + 4) {
                return base.substring(head.length(), base.length() - 4);
            }
        }
        return null;
    }

    private static int timeoutSeconds(Object value) {
        String s = text(value);
        if (s == null) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            long n = Long.parseLong(s);
            return n >= 1 && n <= MAX_TIMEOUT_SECONDS ? (int) n : DEFAULT_TIMEOUT_SECONDS;
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
    }

    private static URI uri(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null || uri.isOpaque()) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            return scheme.equals("https") || scheme.equals("http") ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean allowed(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || isLoopback(uri.getHost());
    }

    /** localhost, 127.0.0.0/8 or ::1, without asking DNS about anything. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("localhost.")) {
            return true;
        }
        if (IPV4.matcher(h).matches()) {
            String[] octets = h.split("\\.");
            for (String o : octets) {
                if (Integer.parseInt(o) > 255 || o.length() > 1 && o.startsWith("0")) {
                    return false; // leading zeros read as octal by some resolvers: never guess
                }
            }
            return octets[0].equals("127");
        }
        if (h.startsWith("[") && h.endsWith("]") && h.indexOf(':') > 0) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // an IPv6 literal: never a lookup
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
