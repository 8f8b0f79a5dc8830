package ${package};

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.laporpredator.spi.Modules;
import org.laporpredator.spi.OutboxEvent;
import org.laporpredator.spi.PartnerNotifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Delivers the events the dispatcher routes to partner {@code ${partner}}: each one POSTed to the configured
 * URL as it is, its JSON payload (see {@link org.laporpredator.spi.Events}) the body, with headers
 * {@code Idempotency-Key} (the same on every attempt: the partner deduplicates by it) and
 * {@code Lapor-Event} (the event type). Any 2xx is delivered; the partner's reference is its
 * {@code Lapor-Reference} response header, if any.
 *
 * <p>Failures: 408, 425, 429 and 5xx and every connection failure are retryable (honouring
 * {@code Retry-After} in seconds); other statuses are not (the request itself is wrong). Their messages are
 * short reasons for admins, never the payload. Nothing is logged: the payload is the partner's only.
 *
 * <p>Never opens a reported link. Thread-safe: the dispatcher may call it for several events at once.
 */
@Component(service = PartnerNotifier.class, immediate = true, configurationPid = Notifier.PID, property = {
    Modules.ID + "=" + Notifier.MODULE_ID,
    Modules.KIND + "=" + Modules.NOTIFIER,
    Modules.PARTNER + "=" + Notifier.PARTNER,
    Modules.NAME + "=Partner ${partner}: events as JSON over HTTPS"
})
@Designate(ocd = NotifierConfig.class)
public class Notifier implements PartnerNotifier {

    public static final String MODULE_ID = "${moduleId}";
    public static final String PARTNER = "${partner}";
    /** The notifier's settings; the dispatcher's routing of the partner is {@code org.laporpredator.notifier.<partner>}. */
    public static final String PID = "${package}";

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String EVENT = "Lapor-Event";
    static final String REFERENCE = "Lapor-Reference";
    static final int MAX_REFERENCE_CHARS = 128;

    /** What the configuration says, checked once; replaced whole when it changes. */
    private record Settings(URI url, String token, Duration timeout, String problem) {

        static Settings of(String url, String token, int timeoutSeconds) {
            Duration timeout = Duration.ofSeconds(timeoutSeconds >= 1 && timeoutSeconds <= 300 ? timeoutSeconds : 15);
            String t = token == null ? "" : token.strip();
            String u = url == null ? "" : url.strip();
            if (u.isEmpty()) {
                return new Settings(null, t, timeout, "no url configured");
            }
            URI uri;
            try {
                uri = new URI(u);
            } catch (URISyntaxException e) {
                return new Settings(null, t, timeout, "the url is not a URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost()))) {
                return new Settings(null, t, timeout, "the url must be https (http only to a loopback address)");
            }
            return new Settings(uri, t, timeout, null);
        }

        /** A loopback address literal or localhost; never a name lookup. */
        private static boolean loopback(String host) {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (h.equalsIgnoreCase("localhost")) {
                return true;
            }
            if (!h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F.]*:[0-9a-fA-F:.]*")) {
                return false;
            }
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, not looked up
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    private final HttpClient client;
    private volatile Settings settings;

    @Activate
    public Notifier(NotifierConfig config) {
        this(config.url(), config._token(), config.timeoutSeconds());
    }

    /** For tests and for use without DS. */
    public Notifier(String url, String token, int timeoutSeconds) {
        this.settings = Settings.of(url, token, timeoutSeconds);
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Modified
    void modified(NotifierConfig config) {
        settings = Settings.of(config.url(), config._token(), config.timeoutSeconds());
    }

    @Override
    public String problem() {
        return settings.problem();
    }

    @Override
    public String deliver(OutboxEvent event) throws DeliveryFailed {
        Settings s = settings;
        if (s.problem() != null) {
            throw new DeliveryFailed(s.problem(), true, null); // retried once the configuration is fixed
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(s.url())
                .timeout(s.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(IDEMPOTENCY_KEY, event.idempotencyKey())
                .header(EVENT, event.type())
                .POST(HttpRequest.BodyPublishers.ofString(
                        event.payload() == null ? "null" : event.payload(), StandardCharsets.UTF_8));
        if (!s.token().isEmpty()) {
            request.header("Authorization", "Bearer " + s.token());
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException e) {
            throw new DeliveryFailed("connect timeout", true, e);
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailed("timeout", true, e);
        } catch (IOException e) {
            throw new DeliveryFailed("connection error", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted", true, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.headers().firstValue(REFERENCE).map(String::strip)
                    .filter(r -> !r.isEmpty() && r.length() <= MAX_REFERENCE_CHARS).orElse(null);
        }
        throw new DeliveryFailed("HTTP " + status, retryable(status),
                retryAfter(response.headers().firstValue("Retry-After").orElse(null)), null);
    }

    /** Whether trying again later may help: the partner is busy or down, not the request wrong. */
    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status / 100 == 5;
    }

    /** {@code Retry-After} in seconds; null when absent or not seconds (the dispatcher's backoff applies). */
    static Duration retryAfter(String value) {
        if (value == null || !value.strip().matches("[0-9]{1,9}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value.strip()));
    }
}
