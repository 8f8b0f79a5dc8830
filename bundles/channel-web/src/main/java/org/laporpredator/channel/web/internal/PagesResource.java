package org.laporpredator.channel.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.CookieParam;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.laporpredator.api.Clients;
import org.laporpredator.api.IdempotencyKeyReused;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusLookup;
import org.laporpredator.api.StatusRecord;
import org.laporpredator.api.Submission;
import org.laporpredator.api.SubmissionRejected;
import org.laporpredator.api.TooManySubmissions;
import org.laporpredator.spi.IntakeChannel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The public pages: the report form ({@code GET /}, {@code POST /report}), the status page
 * ({@code GET /status}) and the static files. Server-rendered; works without JavaScript.
 */
@Component(service = PagesResource.class)
@JaxrsResource
@Path("/")
public class PagesResource {

    private static final System.Logger LOG = System.getLogger(PagesResource.class.getName());

    static final String HTML = "text/html; charset=UTF-8";
    static final String LANG_COOKIE = "lang";
    private static final byte[] CSS = resource("/static/app.css");
    private static final byte[] JS = resource("/static/app.js");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ReportIntake intake;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = WebChannel.TARGET)
    volatile IntakeChannel channel;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile StatusLookup lookup;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Clients clients;

    @GET
    public Response form(@QueryParam("lang") String lang, @CookieParam(LANG_COOKIE) String cookie,
            @Context HttpServletRequest request) {
        Messages m = Messages.of(Messages.choose(lang, cookie));
        String page = new Pages(m).form(FormInput.empty(m.lang()), stats(), null, channel == null);
        return html(200, page, lang, m, request).build();
    }

    /** Reloading the thank-you page's address leads back to the form. The redirect is relative: no Host header in it. */
    @GET
    @Path("report")
    public Response reportAgain() {
        return Response.status(303).header(HttpHeaders.LOCATION, "/").header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("report")
    public Response report(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            @CookieParam(LANG_COOKIE) String cookie, @Context HttpServletRequest request, InputStream body) {
        Messages m = Messages.of(Messages.choose(null, cookie));
        FormInput in;
        try {
            if (!SubmissionReader.hasType(contentType, "application/x-www-form-urlencoded")) {
                throw new WebError(415, "malformed_form");
            }
            byte[] bytes = SubmissionReader.readLimited(body, contentLength);
            in = FormInput.parse(bytes);
            SubmissionReader.checkSize(bytes, in.chatExport());
        } catch (WebError e) {
            return html(e.status(), new Pages(m).message("title.error", m.error(e.code())), null, m).build();
        }
        if (Messages.isSupported(in.lang())) {
            m = Messages.of(in.lang());
        }
        Pages pages = new Pages(m);
        if (channel == null) {
            return html(503, pages.form(in, stats(), m.error("channel_disabled"), true), null, m).build();
        }
        ReportIntake core = intake;
        if (core == null) {
            return html(503, pages.form(in, stats(), m.error("unavailable"), false), null, m).build();
        }
        try {
            Submission submission = SubmissionReader.fromForm(in, ReportsResource.client(clients, request));
            Receipt receipt = core.submit(submission);
            return html(200, pages.thanks(receipt), null, m).build();
        } catch (TooManySubmissions e) {
            String wait = String.valueOf(e.retryAfterSeconds());
            return html(429, pages.form(in, stats(), m.error("too_many_submissions", wait, null), false), null, m)
                    .header(HttpHeaders.RETRY_AFTER, wait).build();
        } catch (IdempotencyKeyReused e) {
            return html(422, pages.form(in.withNewKey(), stats(), m.error(e.code()), false), null, m).build();
        } catch (WebError e) {
            return html(e.status(), pages.form(in, stats(), m.error(e.code(), e.field(), null), false), null, m).build();
        } catch (SubmissionRejected e) {
            return html(400, pages.form(in, stats(), m.error(e.code(), null, e.getMessage()), false), null, m).build();
        } catch (ServiceUnavailable e) {
            return html(503, pages.form(in, stats(), m.error("unavailable"), false), null, m).build();
        } catch (RuntimeException e) {
            // Never log the form or the exception's message: they may hold the reporter's input.
            LOG.log(System.Logger.Level.WARNING, "report form failed: " + e.getClass().getName());
            return html(500, pages.form(in, stats(), m.error("internal_error"), false), null, m).build();
        }
    }

    @GET
    @Path("status")
    public Response status(@QueryParam("ref") String ref, @QueryParam("lang") String lang,
            @CookieParam(LANG_COOKIE) String cookie, @Context HttpServletRequest request) {
        Messages m = Messages.of(Messages.choose(lang, cookie));
        Pages pages = new Pages(m);
        if (ref == null || ref.isBlank()) {
            return html(200, pages.status(null, null, null), lang, m, request).build();
        }
        String reference = normalise(ref);
        if (!ReferenceNumbers.isValid(reference)) {
            return html(400, pages.status(ref, null, m.get("status.badref")), lang, m, request).build();
        }
        StatusLookup statuses = lookup;
        if (statuses == null) {
            return html(503, pages.status(ref, null, m.get("status.unavailable")), lang, m, request).build();
        }
        Optional<StatusRecord> found;
        try {
            // The address is only the key of the in-memory rate limit; it is never stored or logged.
            found = statuses.find(reference, String.valueOf(ReportsResource.client(clients, request)));
        } catch (StatusLookup.TooManyLookups e) {
            long wait = Math.max(1, e.retryAfterSeconds());
            return html(429, pages.status(ref, null, m.get("status.toomany", wait)), lang, m, request)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(wait)).build();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "status lookup failed: " + e.getClass().getName());
            return html(503, pages.status(ref, null, m.get("status.unavailable")), lang, m, request).build();
        }
        if (found.isEmpty()) {
            return html(404, pages.status(ref, null, m.get("status.notfound")), lang, m, request).build();
        }
        return html(200, pages.status(reference, found.get(), null), lang, m, request).build();
    }

    @GET
    @Path("static/app.css")
    public Response css() {
        return staticFile(CSS, "text/css; charset=UTF-8");
    }

    @GET
    @Path("static/app.js")
    public Response js() {
        return staticFile(JS, "text/javascript; charset=UTF-8");
    }

    /** Drops spaces and dashes people type inside a reference. */
    static String normalise(String ref) {
        return ref.replaceAll("[\\s\\-]", "");
    }

    private Stats stats() {
        StatusLookup statuses = lookup;
        if (statuses == null) {
            return null;
        }
        try {
            return statuses.stats();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Response.ResponseBuilder html(int status, String page, String queryLang, Messages m) {
        return html(status, page, queryLang, m, null);
    }

    /**
     * An HTML response with the security headers.
     *
     * @param queryLang the {@code ?lang=} parameter; when it names a language, a cookie remembers it
     *                  ({@code Secure} when the page was served over TLS)
     */
    private static Response.ResponseBuilder html(int status, String page, String queryLang, Messages m,
            HttpServletRequest request) {
        Response.ResponseBuilder b = SecurityHeaders.page(Response.status(status).type(HTML)
                .entity(page.getBytes(StandardCharsets.UTF_8)));
        if (queryLang != null && Messages.isSupported(queryLang.trim().toLowerCase(java.util.Locale.ROOT))) {
            boolean tls = request != null && request.isSecure();
            b.header("Set-Cookie", LANG_COOKIE + "=" + m.lang() + "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
                    + (tls ? "; Secure" : ""));
        }
        return b;
    }

    private static Response staticFile(byte[] bytes, String type) {
        return Response.ok(bytes, type)
                .header("Cache-Control", "public, max-age=3600")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .build();
    }

    private static byte[] resource(String name) {
        try (InputStream in = PagesResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
