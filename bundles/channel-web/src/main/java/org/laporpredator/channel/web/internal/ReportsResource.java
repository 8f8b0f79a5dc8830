package org.laporpredator.channel.web.internal;

import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.laporpredator.api.ClientAddresses;
import org.laporpredator.api.Clients;
import org.laporpredator.api.IdempotencyKeyReused;
import org.laporpredator.api.Receipt;
import org.laporpredator.api.ReportIntake;
import org.laporpredator.api.ServiceUnavailable;
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
 * {@code POST /api/reports}: a report as JSON. Not a module component itself, so it stays up and
 * answers 503 while the channel is switched off. Every error is JSON {@code {error, message}}.
 */
@Component(service = ReportsResource.class)
@JaxrsResource
@Path("/api/reports")
public class ReportsResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final System.Logger LOG = System.getLogger(ReportsResource.class.getName());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ReportIntake intake;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = WebChannel.TARGET)
    volatile IntakeChannel channel;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Clients clients;

    @POST
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, @Context HttpServletRequest request, InputStream body) {
        Messages en = Messages.of(Messages.EN);
        if (channel == null) {
            return Json.errorResponse(503, "channel_disabled", en.error("channel_disabled"));
        }
        ReportIntake core = intake;
        if (core == null) {
            return Json.errorResponse(503, "unavailable", en.error("unavailable"));
        }
        Submission submission;
        try {
            String key = SubmissionReader.idempotencyKey(idempotencyKey);
            submission = SubmissionReader.fromJson(contentType, contentLength, body).from(client(clients, request), key);
        } catch (WebError e) {
            Messages m = Messages.of(e.language() == null ? Messages.EN : e.language());
            return Json.errorResponse(e.status(), e.code(), m.error(e.code(), e.field(), null));
        }
        Messages m = Messages.of(submission.language());
        try {
            Receipt receipt = core.submit(submission);
            return Json.response(201, Json.receipt(receipt))
                    // relative (RFC 9110); CXF's location() would resolve it against the base URI, a fifth of this method's time
                    .header(HttpHeaders.LOCATION, "/api/reports/" + receipt.reference() + "/status")
                    .build();
        } catch (TooManySubmissions e) {
            return Json.response(429, Json.error("too_many_submissions", m.error("too_many_submissions",
                    String.valueOf(e.retryAfterSeconds()), null)))
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).build();
        } catch (IdempotencyKeyReused e) {
            return Json.errorResponse(422, e.code(), Messages.EN.equals(m.lang()) ? e.getMessage() : m.error(e.code()));
        } catch (SubmissionRejected e) {
            // The core's message is English and often more precise; other languages use the bundle.
            String message = Messages.EN.equals(m.lang()) && e.getMessage() != null
                    ? e.getMessage() : m.error(e.code(), null, e.getMessage());
            return Json.errorResponse(400, e.code(), message);
        } catch (ServiceUnavailable e) {
            return Json.errorResponse(503, "unavailable", m.error("unavailable"));
        } catch (RuntimeException e) {
            // Never log the submission or the exception's message: they may hold the reporter's input.
            LOG.log(System.Logger.Level.WARNING, "report submission failed: " + e.getClass().getName());
            return Json.errorResponse(500, "internal_error", m.error("internal_error"));
        }
    }

    /** The client's key for the submission limit (never stored or logged). */
    static String client(Clients clients, HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        List<String> forwarded = Collections.list(request.getHeaders("Forwarded"));
        List<String> forwardedFor = Collections.list(request.getHeaders("X-Forwarded-For"));
        Clients keys = clients != null ? clients : ClientAddresses.DIRECT::client;
        return keys.client(request.getRemoteAddr(), forwarded, forwardedFor);
    }
}
