package org.laporpredator.status.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
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
import org.laporpredator.api.ReferenceNumbers;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ReportStore;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusLookup;
import org.laporpredator.api.StatusRecord;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** GET /api/reports/{reference}/status, GET /api/stats, GET /api/health. */
@Component(service = StatusResource.class)
@JaxrsResource
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long HEALTH_CACHE_NANOS = 1_000_000_000L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile StatusLookup lookup;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ReportStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ReportIntake intake;

    private volatile boolean storeUp;
    private volatile long storeCheckedAt = System.nanoTime() - 2 * HEALTH_CACHE_NANOS;

    @GET
    @Path("/reports/{reference}/status")
    public Response status(@PathParam("reference") String reference, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @Context HttpServletRequest request) {
        if (!ReferenceNumbers.hasShape(reference)) {
            return error(400, "invalid_reference",
                    "A reference number has 8 digits. Please check the number and try again.");
        }
        if (!ReferenceNumbers.isValid(reference)) {
            return error(400, "invalid_reference",
                    "This reference number is not valid: one digit may be wrong or two swapped. Please check the number and try again.");
        }
        StatusLookup l = lookup;
        if (l == null) {
            return error(503, "unavailable", "Status lookups are not available right now. Please try again later.");
        }
        Optional<StatusRecord> found;
        try {
            found = l.find(reference, request == null ? "?" : request.getRemoteAddr());
        } catch (StatusLookup.TooManyLookups e) {
            return Response.fromResponse(error(429, "too_many_requests", e.getMessage()))
                    .header("Retry-After", e.retryAfterSeconds()).build();
        } catch (ServiceUnavailable e) {
            return error(503, "unavailable", "Status lookups are not available right now. Please try again later.");
        }
        if (found.isEmpty()) {
            return error(404, "not_found", "No report has this reference number. Please check the number and try again.");
        }
        StatusRecord r = found.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", r.reference());
        body.put("status", r.status().name());
        body.put("updatedAt", r.updatedAt().toString());
        body.put("message", r.status().message(language(lang, acceptLanguage)));
        return json(200, body);
    }

    @GET
    @Path("/stats")
    public Response stats() {
        StatusLookup l = lookup;
        if (l == null) {
            return error(503, "unavailable", "The counters are not available right now.");
        }
        try {
            Stats s = l.stats();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("incomingReports", s.incomingReports());
            body.put("classifiedCsamLinks", s.classifiedCsamLinks());
            body.put("removedCsamLinks", s.removedCsamLinks());
            return json(200, body);
        } catch (ServiceUnavailable e) {
            return error(503, "unavailable", "The counters are not available right now.");
        }
    }

    @GET
    @Path("/health")
    public Response health() {
        boolean store = storeUp();
        boolean pipeline = intake != null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", store && pipeline ? "UP" : "DOWN");
        body.put("store", store ? "UP" : "DOWN");
        body.put("pipeline", pipeline ? "UP" : "DOWN");
        return json(store && pipeline ? 200 : 503, body);
    }

    /** The store's health, asked at most once a second. */
    private boolean storeUp() {
        long now = System.nanoTime();
        if (now - storeCheckedAt > HEALTH_CACHE_NANOS) {
            ReportStore s = store;
            storeUp = s != null && s.isHealthy();
            storeCheckedAt = now;
        }
        return storeUp && store != null;
    }

    static String language(String lang, String acceptLanguage) {
        if (lang != null) {
            return lang.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "ms";
        }
        if (acceptLanguage != null) {
            String first = acceptLanguage.split(",")[0].strip().toLowerCase(Locale.ROOT);
            if (first.startsWith("en")) {
                return "en";
            }
        }
        return "ms";
    }

    static Response error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return json(status, body);
    }

    static Response json(int status, Object body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON + ";charset=utf-8")
                    .entity(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
