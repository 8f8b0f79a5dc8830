package org.laporpredator.status.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.laporpredator.api.ClientAddresses;
import org.laporpredator.api.Clients;
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.StatusLookup;
import org.laporpredator.api.StatusRecord;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** GET /api/reports/{reference}/status: rate-limited, constant-time, coarse status only. */
@Component(service = StatusResource.class)
@JaxrsResource
@Path("/api/reports/{reference}/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile StatusLookup lookup;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Clients clients;


    @GET
    public Response status(@PathParam("reference") String reference, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @Context HttpServletRequest request) {
        String errors = errorLanguage(lang, acceptLanguage);
        if (!ReferenceNumbers.hasShape(reference)) {
            return Responses.error(400, "invalid_reference", ErrorTexts.text(errors, "bad_shape"));
        }
        if (!ReferenceNumbers.isValid(reference)) {
            return Responses.error(400, "invalid_reference", ErrorTexts.text(errors, "bad_check"));
        }
        StatusLookup l = lookup;
        if (l == null) {
            return Responses.error(503, "unavailable", ErrorTexts.text(errors, "unavailable"));
        }
        Optional<StatusRecord> found;
        try {
            found = l.find(reference, client(clients, request));
        } catch (StatusLookup.TooManyLookups e) {
            String message = ErrorTexts.text(errors, "too_many_requests", e.retryAfterSeconds());
            return Response.fromResponse(Responses.error(429, "too_many_requests", message))
                    .header("Retry-After", e.retryAfterSeconds()).build();
        } catch (ServiceUnavailable e) {
            return Responses.error(503, "unavailable", ErrorTexts.text(errors, "unavailable"));
        }
        if (found.isEmpty()) {
            return Responses.error(404, "not_found", ErrorTexts.text(errors, "not_found"));
        }
        StatusRecord r = found.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", r.reference());
        body.put("status", r.status().name());
        body.put("updatedAt", r.updatedOn() == null ? null : r.updatedOn().toString());
        body.put("message", r.text(language(lang, acceptLanguage)));
        return Responses.json(200, body);
    }

    /** The client's key for the rate limit; without the core's {@link Clients}, no proxy is trusted. */
    static String client(Clients clients, HttpServletRequest request) {
        if (request == null) {
            return "?";
        }
        List<String> forwarded = Collections.list(request.getHeaders("Forwarded"));
        List<String> forwardedFor = Collections.list(request.getHeaders("X-Forwarded-For"));
        return clients != null ? clients.client(request.getRemoteAddr(), forwarded, forwardedFor)
                : ClientAddresses.DIRECT.client(request.getRemoteAddr(), forwarded, forwardedFor);
    }

    /** The status message's language: {@code ?lang=}, else the first Accept-Language, else {@code ms}. */
    static String language(String lang, String acceptLanguage) {
        String asked = asked(lang, acceptLanguage);
        return asked != null ? asked : "ms";
    }

    /** The error messages' language: the one asked for, else English (the API's errors were English first). */
    static String errorLanguage(String lang, String acceptLanguage) {
        String asked = asked(lang, acceptLanguage);
        return asked != null ? asked : "en";
    }

    /** ms, en, zh or ta when {@code ?lang=} (or, without it, the first Accept-Language) names one, else null. */
    private static String asked(String lang, String acceptLanguage) {
        if (lang != null) {
            return supported(lang);
        }
        if (acceptLanguage != null) {
            return supported(acceptLanguage.split(",")[0]);
        }
        return null;
    }

    /** The primary subtag ({@code zh-CN} gives {@code zh}) when supported, else null. */
    private static String supported(String tag) {
        String primary = tag.split("[-_;]")[0].strip().toLowerCase(Locale.ROOT);
        return ErrorTexts.LANGUAGES.contains(primary) ? primary : null;
    }
}
