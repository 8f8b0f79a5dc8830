package org.laporpredator.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /api/openapi.json}: the OpenAPI 3 document of the public and the admin API (kept true by ConsoleApiIT). */
@Component(service = OpenApiResource.class)
@JaxrsResource
@Path("/api/openapi.json")
public class OpenApiResource {

    private static final byte[] DOCUMENT = load();

    @GET
    public Response document() {
        return Response.ok(DOCUMENT, "application/json; charset=UTF-8").header("Cache-Control", "no-store").build();
    }

    private static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("missing /api/openapi.json");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
