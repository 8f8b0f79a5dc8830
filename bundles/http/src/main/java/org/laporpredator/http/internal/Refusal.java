package org.laporpredator.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * An error answer of ours: JSON {@code {error, message}} under {@code /api}, a plain page in the
 * reporter's language (the {@code lang} cookie, else Bahasa Malaysia) elsewhere; never a stack trace.
 */
final class Refusal {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The page languages, as on the public pages. */
    static final List<String> LANGUAGES = List.of("ms", "en", "zh", "ta");
    private static final Map<String, Properties> TEXTS = loadAll();

    private Refusal() {
    }

    /** The error code of an HTTP status. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    /** Under /api, also when a malformed path goes on with a backslash, ';' or an escape instead of '/'. */
    static boolean isApi(String path) {
        if (path == null) {
            return true;
        }
        if (!path.startsWith("/api")) {
            return false;
        }
        return path.length() == 4 || "/\\;%".indexOf(path.charAt(4)) >= 0;
    }

    /** Writes the answer; the response must not be committed. */
    static void send(HttpServletRequest request, HttpServletResponse response, int status, String code) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        Headers.secure(response, true);
        if (isApi(request.getRequestURI())) {
            write(response, "application/json; charset=UTF-8", json(code, text("en", code)));
        } else {
            String lang = language(request);
            write(response, "text/html; charset=UTF-8", page(lang, status, text(lang, code)));
        }
    }

    static byte[] json(String code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", code);
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A page that needs no script, style or image: nothing in it comes from the request. */
    static byte[] page(String lang, int status, String message) {
        String title = text(lang, "title");
        String home = text(lang, "home");
        String html = "<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + status + " " + title + " | Lapor Predator</title>\n</head>\n<body>\n"
                + "<h1>" + title + "</h1>\n<p id=\"message\">" + message + "</p>\n"
                + "<p><a href=\"/\">" + home + "</a></p>\n</body>\n</html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** A text of ours (never of the request), in one of {@link #LANGUAGES} ({@code ms} for any other). */
    static String text(String lang, String key) {
        Properties p = TEXTS.getOrDefault(lang, TEXTS.get("ms"));
        String t = p.getProperty(key);
        return t != null ? t : p.getProperty("bad_request");
    }

    static String language(HttpServletRequest request) {
        return language(request.getCookies());
    }

    /** The {@code lang} cookie's language when we have it, else {@code ms}. */
    static String language(Cookie[] cookies) {
        if (cookies != null) {
            for (Cookie c : cookies) {
                if ("lang".equals(c.getName()) && c.getValue() != null) {
                    String lang = c.getValue().strip().toLowerCase(Locale.ROOT);
                    if (LANGUAGES.contains(lang)) {
                        return lang;
                    }
                }
            }
        }
        return "ms";
    }

    /** The keys of a language's texts (for tests). */
    static java.util.Set<String> keys(String lang) {
        return TEXTS.get(lang).stringPropertyNames();
    }

    private static void write(HttpServletResponse response, String type, byte[] body) throws IOException {
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static Map<String, Properties> loadAll() {
        Map<String, Properties> all = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            all.put(lang, load(lang));
        }
        return Map.copyOf(all);
    }

    private static Properties load(String lang) {
        Properties p = new Properties();
        try (InputStream in = Refusal.class.getResourceAsStream("texts_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
