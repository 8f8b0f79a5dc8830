package org.laporpredator.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import org.laporpredator.api.accounts.Session;
import org.laporpredator.api.cases.Cases;
import org.laporpredator.api.plugins.PluginAdmin;
import org.laporpredator.api.plugins.PluginFailed;
import org.laporpredator.api.plugins.PluginInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * Admins only: the plugins installed, a KAR uploaded to install or upgrade one (the request body, as
 * {@code application/octet-stream}), and removing one; through the same queue as {@code lapor:install}.
 */
@Component(service = PluginsResource.class)
@JaxrsResource
@Path("/api/admin/plugins")
public class PluginsResource {

    static final long MAX_BYTES = 100L * 1024 * 1024;
    private static final Set<String> TYPES = Set.of("application/octet-stream", "application/java-archive",
            "application/zip", "application/x-zip-compressed");

    private final AdminGate gate;
    private final PluginAdmin plugins;
    private final Cases cases;

    @Activate
    public PluginsResource(@Reference AdminGate gate, @Reference PluginAdmin plugins, @Reference Cases cases) {
        this.gate = gate;
        this.plugins = plugins;
        this.cases = cases;
    }

    @GET
    public Response list(@Context HttpServletRequest request) {
        gate.require(request, Access.ADMIN, false);
        return Errors.json(200, Map.of("plugins", rows()));
    }

    @POST
    @Consumes("*/*")
    public Response upload(@Context HttpServletRequest request, InputStream body) {
        Session s = gate.require(request, Access.ADMIN, true);
        String type = request.getContentType() == null ? "" : request.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw Errors.fail(415, "unsupported_media_type", "Upload the KAR file itself as application/octet-stream.");
        }
        java.nio.file.Path file = null;
        try {
            file = Files.createTempFile("lapor-upload-", ".kar");
            long total = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buf = new byte[64 * 1024];
                for (int r; (r = body.read(buf)) > 0;) {
                    total += r;
                    if (total > MAX_BYTES) {
                        throw Errors.fail(413, "too_large", "A plugin KAR of at most " + MAX_BYTES / 1024 / 1024 + " MB is accepted.");
                    }
                    out.write(buf, 0, r);
                }
            }
            if (total == 0) {
                throw Errors.fail(400, "empty", "The upload is empty: send the KAR file.");
            }
            PluginInfo p = plugins.install(file.toUri());
            cases.audit(s.username(), "plugin-installed", p.name(), p.version() + " " + p.state());
            return Errors.json(201, Map.of("plugin", row(p), "plugins", rows()));
        } catch (PluginFailed e) {
            cases.audit(s.username(), "plugin-refused", "upload", e.getMessage());
            throw Errors.fail(422, "plugin_refused", e.getMessage());
        } catch (IOException e) {
            throw Errors.fail(400, "upload_failed", "The upload could not be read.");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    @DELETE
    @Path("{name}")
    public Response remove(@Context HttpServletRequest request, @PathParam("name") String name) {
        Session s = gate.require(request, Access.ADMIN, true);
        if (plugins.plugins().stream().noneMatch(p -> p.name().equals(name) || p.modules().contains(name))) {
            throw Errors.fail(404, "not_found", "No plugin has this name or module.");
        }
        try {
            PluginInfo p = plugins.uninstall(name);
            cases.audit(s.username(), "plugin-removed", p.name(), p.version());
        } catch (PluginFailed e) {
            throw Errors.fail(409, "plugin_not_removed", e.getMessage());
        }
        return Errors.json(200, Map.of("plugins", rows()));
    }

    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PluginInfo p : plugins.plugins()) {
            out.add(row(p));
        }
        return out;
    }

    private static Map<String, Object> row(PluginInfo p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", p.name());
        row.put("version", p.version());
        row.put("state", p.state());
        row.put("problem", p.problem());
        row.put("modules", p.modules());
        row.put("source", p.source().startsWith("file:") ? "upload or file" : p.source());
        return row;
    }
}
