package org.laporpredator.http.internal;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * The JAX-RS errors of every resource (404 no such path, 405, 406, 415...): JSON {@code {error, message}}
 * under /api, a plain page in the reporter's language elsewhere, with the same status. A resource's own
 * error answers (those with a body) pass as they are.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
public class JaxrsErrors implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (original != null && (status < 400 || original.hasEntity())) {
            return original;
        }
        String code = Refusal.code(status);
        boolean api = isApi();
        String lang = api ? "en" : language();
        Response.ResponseBuilder b = Response.status(status)
                .type(api ? "application/json; charset=UTF-8" : "text/html; charset=UTF-8")
                .entity(api ? Refusal.json(code, Refusal.text(lang, code)) : Refusal.page(lang, status, Refusal.text(lang, code)))
                .header("Cache-Control", "no-store");
        if (original != null) {
            // CXF's Allow names some root resource's methods; the Preprocessor puts the path's own on a 405
            if (status == 405) {
                copy(original, b, HttpHeaders.ALLOW);
            }
            copy(original, b, HttpHeaders.RETRY_AFTER);
            copy(original, b, HttpHeaders.WWW_AUTHENTICATE);
        }
        return b.build();
    }

    private boolean isApi() {
        try {
            return request == null || Refusal.isApi(request.getRequestURI());
        } catch (IllegalStateException e) {
            return true; // outside a request
        }
    }

    private String language() {
        try {
            return request == null ? "ms" : Refusal.language(request);
        } catch (IllegalStateException e) {
            return "ms";
        }
    }

    private static void copy(Response from, Response.ResponseBuilder to, String header) {
        Object value = from.getHeaders().getFirst(header);
        if (value != null) {
            to.header(header, value);
        }
    }
}
