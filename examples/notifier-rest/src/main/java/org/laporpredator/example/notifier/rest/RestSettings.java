package org.laporpredator.example.notifier.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The configuration, checked: a usable URL and token, or the {@link #problem()} an admin sees.
 *
 * @param url     where to POST, or null
 * @param token   the bearer token, or null
 * @param timeout connect and response timeout
 * @param problem null when it can deliver
 */
record RestSettings(URI url, String token, Duration timeout, String problem) {

    static final String NO_URL = "no url configured";
    static final String BAD_URL = "url is not an http or https URL";
    static final String NO_TOKEN = "no token configured";
    static final String BAD_TOKEN = "token holds characters a header cannot carry";

    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7E]{1,4096}");

    static RestSettings of(RestNotifierConfig c) {
        return of(c.url(), c.token(), c.timeoutSeconds());
    }

    static RestSettings of(String url, String token, int timeoutSeconds) {
        Duration timeout = Duration.ofSeconds(timeoutSeconds >= 1 && timeoutSeconds <= 300 ? timeoutSeconds
                : RestNotifier.DEFAULT_TIMEOUT_SECONDS);
        String u = blankToNull(url);
        String t = blankToNull(token);
        if (u == null) {
            return new RestSettings(null, null, timeout, NO_URL);
        }
        URI uri = uri(u);
        if (uri == null) {
            return new RestSettings(null, null, timeout, BAD_URL);
        }
        if (t == null) {
            return new RestSettings(uri, null, timeout, NO_TOKEN);
        }
        if (!HEADER_SAFE.matcher(t).matches()) {
            return new RestSettings(uri, null, timeout, BAD_TOKEN);
        }
        return new RestSettings(uri, t, timeout, null);
    }

    /** Scheme, host and port: what may be logged (a URL's path or query may hold a secret). */
    String origin() {
        if (url == null) {
            return "nowhere";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "RestSettings[origin=" + origin() + ", timeout=" + timeout + ", problem=" + problem + "]";
    }

    private static URI uri(String s) {
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
