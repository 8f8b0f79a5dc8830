package org.laporpredator.status.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ReportStore;
import org.laporpredator.api.ServiceUnavailable;
import org.laporpredator.api.Stats;
import org.laporpredator.api.StatusLookup;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** GET /api/stats and GET /api/health. */
@Component(service = CountersResource.class)
@JaxrsResource
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class CountersResource {

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
    @Path("/stats")
    public Response stats() {
        StatusLookup l = lookup;
        if (l == null) {
            return Responses.error(503, "unavailable", "The counters are not available right now.");
        }
        try {
            Stats s = l.stats();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("incomingReports", s.incomingReports());
            body.put("classifiedCsamLinks", s.classifiedCsamLinks());
            body.put("removedCsamLinks", s.removedCsamLinks());
            return Responses.json(200, body);
        } catch (ServiceUnavailable e) {
            return Responses.error(503, "unavailable", "The counters are not available right now.");
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
        return Responses.json(store && pipeline ? 200 : 503, body);
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

}
