package org.laporpredator.channel.web.internal;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Turns JAX-RS errors (404, 405, 406...) into JSON {@code {error, message}} under {@code /api}, and into a
 * plain page in the reporter's language elsewhere, with the same status.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
public class ApiErrors implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (original != null && (status < 400 || original.hasEntity())) {
            return original;
        }
        String code = code(status);
        Response.ResponseBuilder b;
        if (isApi(request)) {
            b = Json.response(status, Json.error(code,
                    Messages.of(Messages.EN).error(code, null, "The request failed with HTTP status " + status + ".")));
        } else {
            Messages m = Messages.of(Messages.choose(null, cookie(request, PagesResource.LANG_COOKIE)));
            b = SecurityHeaders.page(Response.status(status).type(PagesResource.HTML).entity(
                    new Pages(m).message("error.title", m.error(code, null, m.get("error.bad_request")))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (original != null) {
            if (status == 405) {
                copy(original, b, HttpHeaders.ALLOW);
            }
            copy(original, b, HttpHeaders.RETRY_AFTER);
            copy(original, b, HttpHeaders.WWW_AUTHENTICATE);
        }
        return b.build();
    }

    static boolean isApi(HttpServletRequest request) {
        try {
            String path = request == null ? null : request.getRequestURI();
            return path == null || path.equals("/api") || path.startsWith("/api/");
        } catch (IllegalStateException e) {
            return true; // outside a request: JSON, as before
        }
    }

    private static String cookie(HttpServletRequest request, String name) {
        try {
            Cookie[] cookies = request == null ? null : request.getCookies();
            if (cookies != null) {
                for (Cookie c : cookies) {
                    if (name.equals(c.getName())) {
                        return c.getValue();
                    }
                }
            }
        } catch (IllegalStateException e) {
            // outside a request
        }
        return null;
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
