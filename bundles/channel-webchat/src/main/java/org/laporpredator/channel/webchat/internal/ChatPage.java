package org.laporpredator.channel.webchat.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import javax.ws.rs.CookieParam;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.laporpredator.conversation.Conversation;
import org.laporpredator.spi.IntakeChannel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /chat}: the web chat panel, in the language of {@code ?lang=}, the {@code lang} cookie or the
 * browser (ms, en, zh, ta; else Bahasa Malaysia), with its script and style from this bundle only. The panel
 * is a live log for screen readers, its choices real buttons, its answer a labelled text box; without
 * JavaScript it points to the form. Switched off: 303 to the form.
 */
@Component(service = ChatPage.class)
@JaxrsResource
@Path("/chat")
public class ChatPage {

    static final String CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    private static final Map<String, ResourceBundle> TEXTS = texts();
    private static final byte[] JS = resource("/static/chat.js");
    private static final byte[] CSS = resource("/static/chat.css");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Conversation conversation;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = WebChatChannel.TARGET)
    volatile IntakeChannel channel;

    @GET
    public Response page(@QueryParam("lang") String lang, @CookieParam("lang") String cookie,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        if (channel == null || conversation == null) {
            // switched off: the form instead, in the same language
            return Response.seeOther(java.net.URI.create("/?lang=" + language(lang, cookie, accept))).header("Cache-Control", "no-store").build();
        }
        String language = language(lang, cookie, accept);
        return Response.ok(render(language).getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8")
                .header("Content-Security-Policy", CSP).header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("chat.js")
    public Response script() {
        return file(JS, "text/javascript; charset=UTF-8");
    }

    @GET
    @Path("chat.css")
    public Response style() {
        return file(CSS, "text/css; charset=UTF-8");
    }

    private static Response file(byte[] bytes, String type) {
        return Response.ok(bytes, type).header("Cache-Control", "public, max-age=3600")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** The page's language: the query's, the cookie's, the browser's first one we speak, else ms. */
    static String language(String query, String cookie, String accept) {
        for (String l : new String[] {query, cookie}) {
            if (l != null && TEXTS.containsKey(l.strip().toLowerCase(Locale.ROOT))) {
                return l.strip().toLowerCase(Locale.ROOT);
            }
        }
        if (accept != null) {
            try {
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(accept)) {
                    String l = r.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (TEXTS.containsKey(l)) {
                        return l;
                    }
                }
            } catch (IllegalArgumentException e) {
                // a broken header: the default
            }
        }
        return "ms";
    }

    static String text(String language, String key) {
        return TEXTS.get(language).getString(key);
    }

    static String render(String l) {
        StringBuilder langs = new StringBuilder();
        for (String other : Conversation.LANGUAGES) {
            langs.append("<li><a href=\"/chat?lang=").append(other).append("\" lang=\"").append(other).append('"')
                    .append(other.equals(l) ? " aria-current=\"page\"" : "").append('>')
                    .append(esc(text(other, "language.name"))).append("</a></li>");
        }
        return "<!doctype html>\n<html lang=\"" + l + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(text(l, "title")) + " · Lapor Predator</title>"
                + "<link rel=\"stylesheet\" href=\"/chat/chat.css\"></head><body>"
                + "<main id=\"chat\" data-lang=\"" + l + "\" data-error=\"" + esc(text(l, "error")) + "\" data-typing=\""
                + esc(text(l, "typing")) + "\">"
                + "<nav aria-label=\"" + esc(text(l, "languages")) + "\"><ul>" + langs + "</ul></nav>"
                + "<h1>" + esc(text(l, "title")) + "</h1>"
                + "<p>" + esc(text(l, "intro")) + "</p>"
                + "<p class=\"emergency\">" + esc(text(l, "emergency")) + "</p>"
                + "<div id=\"log\" role=\"log\" aria-live=\"polite\" aria-label=\"" + esc(text(l, "log")) + "\" tabindex=\"0\"></div>"
                + "<p id=\"chat-status\" class=\"visually-hidden\" role=\"status\"></p>"
                + "<div id=\"choices\" role=\"group\" aria-label=\"" + esc(text(l, "choices")) + "\"></div>"
                + "<form id=\"say\" hidden><label for=\"text\">" + esc(text(l, "label")) + "</label>"
                + "<textarea id=\"text\" rows=\"2\" maxlength=\"4096\" autocomplete=\"off\"></textarea>"
                + "<button type=\"submit\" id=\"send\">" + esc(text(l, "send")) + "</button></form>"
                + "<noscript><p>" + esc(text(l, "noscript")) + "</p></noscript>"
                + "<p><a href=\"/?lang=" + l + "\">" + esc(text(l, "form")) + "</a></p>"
                + "</main><script src=\"/chat/chat.js\" defer></script></body></html>\n";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static Map<String, ResourceBundle> texts() {
        Map<String, ResourceBundle> out = new LinkedHashMap<>();
        for (String l : List.copyOf(Conversation.LANGUAGES)) {
            String name = "/org/laporpredator/channel/webchat/internal/page_" + l + ".properties";
            try (InputStream in = ChatPage.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + name);
                }
                out.put(l, new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ChatPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
