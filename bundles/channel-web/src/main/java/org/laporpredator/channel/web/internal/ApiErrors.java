package org.laporpredator.channel.web.internal;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** Turns JAX-RS errors (404, 405, 406...) into JSON {@code {error, message}} with the same status. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
public class ApiErrors implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (original != null && (status < 400 || original.hasEntity())) {
            return original;
        }
        String code = code(status);
        Response.ResponseBuilder b = Json.response(status, Json.error(code,
                Messages.of(Messages.EN).error(code, null, "The request failed with HTTP status " + status + ".")));
        if (original != null) {
            copy(original, b, HttpHeaders.ALLOW);
            copy(original, b, HttpHeaders.RETRY_AFTER);
            copy(original, b, HttpHeaders.WWW_AUTHENTICATE);
        }
        return b.build();
    }

    /** The error code for an HTTP status. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    private static void copy(Response from, Response.ResponseBuilder to, String header) {
        Object value = from.getHeaders().getFirst(header);
        if (value != null) {
            to.header(header, value);
        }
    }
}
