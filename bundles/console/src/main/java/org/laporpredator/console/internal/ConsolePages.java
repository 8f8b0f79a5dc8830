package org.laporpredator.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.ws.rs.CookieParam;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;
import org.laporpredator.api.ReportStatus;
import org.laporpredator.api.StatusMessage;
import org.laporpredator.api.cases.Transitions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The console at {@code /admin}: one page and its script, which talks to {@code /api/admin}. The page's texts
 * come in the page as JSON data (not script), in Bahasa Malaysia or English ({@code ?lang=}, else the
 * {@code lang} cookie). Nothing from a reported link is ever loaded: links are shown as defanged text.
 */
@Component(service = ConsolePages.class)
@JaxrsResource
@Path("/admin")
public class ConsolePages {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    private static final Map<String, Properties> TEXTS = Map.of("ms", load("ms"), "en", load("en"));
    private static final byte[] JS = resource("/console/console.js");
    private static final byte[] CSS = resource("/console/console.css");
    private static final String UPLOT = "/console/vendor/META-INF/resources/webjars/uplot/1.6.30/";
    private static final byte[] UPLOT_JS = resource(UPLOT + "dist/uPlot.iife.min.js");
    private static final byte[] UPLOT_CSS = resource(UPLOT + "dist/uPlot.min.css");

    @Activate
    public ConsolePages(@Reference AdminGate gate) {
        // the gate's presence is the console module being on
    }

    @GET
    public Response page(@QueryParam("lang") String lang, @CookieParam("lang") String cookie) {
        String l = language(lang, cookie);
        Response.ResponseBuilder b = headers(Response.ok(page(l).getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8"));
        if (lang != null && (lang.equals("ms") || lang.equals("en"))) {
            b.header("Set-Cookie", "lang=" + l + "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
        }
        return b.build();
    }

    @GET
    @Path("static/console.js")
    public Response js() {
        return headers(Response.ok(JS, "text/javascript; charset=UTF-8")).build();
    }

    @GET
    @Path("static/console.css")
    public Response css() {
        return headers(Response.ok(CSS, "text/css; charset=UTF-8")).build();
    }

    /** uPlot (MIT licence), the dashboard's charts, from its WebJar. */
    @GET
    @Path("static/uplot.js")
    public Response uplotJs() {
        return headers(Response.ok(UPLOT_JS, "text/javascript; charset=UTF-8")).build();
    }

    @GET
    @Path("static/uplot.css")
    public Response uplotCss() {
        return headers(Response.ok(UPLOT_CSS, "text/css; charset=UTF-8")).build();
    }

    static String language(String query, String cookie) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        if (q.equals("ms") || q.equals("en")) {
            return q;
        }
        String c = cookie == null ? "" : cookie.trim().toLowerCase(Locale.ROOT);
        return c.equals("en") ? "en" : "ms";
    }

    /** The page: a shell the script fills; the texts as JSON data with '<' escaped. */
    static String page(String lang) {
        Map<String, String> texts = new TreeMap<>();
        for (String key : TEXTS.get(lang).stringPropertyNames()) {
            texts.put(key, TEXTS.get(lang).getProperty(key));
        }
        for (ReportStatus s : ReportStatus.values()) {
            texts.put("statusmsgs." + s.name(),
                    StatusMessage.of(s).stream().map(StatusMessage::key).collect(Collectors.joining(",")));
            texts.put("statusnext." + s.name(), Arrays.stream(ReportStatus.values()).filter(to -> Transitions.allowed(s, to))
                    .map(ReportStatus::name).collect(Collectors.joining(",")));
        }
        for (StatusMessage m : StatusMessage.values()) {
            texts.put("statusmsg.ms." + m.key(), m.text("ms"));
            texts.put("statusmsg.en." + m.key(), m.text("en"));
        }
        String json;
        try {
            json = Errors.JSON.writeValueAsString(texts).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String other = lang.equals("ms") ? "en" : "ms";
        return "<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<title>" + TEXTS.get(lang).getProperty("title") + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"/admin/static/uplot.css\">\n"
                + "<link rel=\"stylesheet\" href=\"/admin/static/console.css\">\n"
                + "<script type=\"application/json\" id=\"texts\">" + json + "</script>\n"
                + "<script src=\"/admin/static/uplot.js\" defer></script>\n"
                + "<script src=\"/admin/static/console.js\" defer></script>\n</head>\n<body>\n"
                + "<header class=\"top\"><strong>" + TEXTS.get(lang).getProperty("title") + "</strong>"
                + "<nav id=\"nav\" hidden><a href=\"#/queue\" id=\"nav-queue\">" + TEXTS.get(lang).getProperty("nav.queue") + "</a>"
                + "<a href=\"#/dashboard\" id=\"nav-dashboard\">" + TEXTS.get(lang).getProperty("nav.dashboard") + "</a>"
                + "<a href=\"#/audit\" id=\"nav-audit\">" + TEXTS.get(lang).getProperty("nav.audit") + "</a>"
                + "<a href=\"#/modules\" id=\"nav-modules\" hidden>" + TEXTS.get(lang).getProperty("nav.modules") + "</a>"
                + "<span id=\"who\"></span><button type=\"button\" id=\"signout\">" + TEXTS.get(lang).getProperty("signout")
                + "</button></nav><a href=\"/admin?lang=" + other + "\" id=\"lang-switch\">"
                + TEXTS.get(lang).getProperty("lang.other") + "</a></header>\n"
                + "<div id=\"error\" class=\"error\" role=\"alert\" hidden></div>\n"
                + "<main id=\"main\"></main>\n</body>\n</html>\n";
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder b) {
        return b.header("Content-Security-Policy", CSP)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }

    private static Properties load(String lang) {
        Properties p = new Properties();
        try (InputStream in = ConsolePages.class.getResourceAsStream("console_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsolePages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
