package org.laporpredator.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import org.laporpredator.api.ModuleAdmin;
import org.laporpredator.api.ModuleInfo;
import org.laporpredator.api.accounts.Session;
import org.laporpredator.api.cases.Cases;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** Admins only: the modules, switched through the same registry as {@code lapor:enable} / {@code lapor:disable}. */
@Component(service = ModulesResource.class)
@JaxrsResource
@Path("/api/admin/modules")
public class ModulesResource {

    private final AdminGate gate;
    private final ModuleAdmin modules;
    private final Cases cases;

    @Activate
    public ModulesResource(@Reference AdminGate gate, @Reference ModuleAdmin modules, @Reference Cases cases) {
        this.gate = gate;
        this.modules = modules;
        this.cases = cases;
    }

    @GET
    public Response list(@Context HttpServletRequest request) {
        gate.require(request, Access.ADMIN, false);
        return Errors.json(200, Map.of("modules", rows()));
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@Context HttpServletRequest request, @PathParam("id") String id) {
        return toggle(request, id, true);
    }

    @POST
    @Path("{id}/disable")
    public Response disable(@Context HttpServletRequest request, @PathParam("id") String id) {
        return toggle(request, id, false);
    }

    private Response toggle(HttpServletRequest request, String id, boolean on) {
        Session s = gate.require(request, Access.ADMIN, true);
        if (!on && AdminGate.MODULE_ID.equals(id)) {
            throw Errors.fail(409, "console_needed", "The console cannot switch itself off; use lapor:disable console in the shell.");
        }
        try {
            if (on) {
                modules.enable(id);
            } else {
                modules.disable(id);
            }
        } catch (IllegalArgumentException e) {
            throw Errors.fail(404, "not_found", "No module has this id.");
        }
        cases.audit(s.username(), on ? "module-enabled" : "module-disabled", id, null);
        return Errors.json(200, Map.of("modules", rows()));
    }

    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ModuleInfo m : modules.modules()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", m.id());
            row.put("kind", m.kind());
            row.put("name", m.name());
            row.put("enabled", m.enabled());
            row.put("state", m.state());
            row.put("problem", m.problem());
            out.add(row);
        }
        return out;
    }
}
