package org.laporpredator.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import org.laporpredator.api.accounts.Session;
import org.laporpredator.api.accounts.Sessions;
import org.laporpredator.api.cases.Cases;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code POST /api/admin/session} signs in against Karaf's JAAS realm, {@code GET} tells who is signed in,
 * {@code DELETE} signs out. A failed login waits longer each time and never says whether the account exists.
 */
@Component(service = SessionResource.class)
@JaxrsResource
@Path("/api/admin/session")
public class SessionResource {

    /** The audit log's actor for what no account did. */
    static final String NOT_SIGNED_IN = "-";

    private final AdminGate gate;
    private final Cases cases;

    @Activate
    public SessionResource(@Reference AdminGate gate, @Reference Cases cases) {
        this.gate = gate;
        this.cases = cases;
    }

    @POST
    public Response login(@Context HttpServletRequest request, InputStream body) throws IOException {
        JsonNode json;
        try {
            json = Errors.JSON.readTree(body.readNBytes(8192));
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject() || !json.path("username").isTextual() || !json.path("password").isTextual()) {
            return Errors.error(400, "malformed_json", "Send {\"username\": ..., \"password\": ...} as JSON.");
        }
        String username = json.get("username").asText();
        char[] password = json.get("password").asText().toCharArray();
        LoginThrottle throttle = gate.throttle();
        try {
            pause(throttle.delayMillis(username));
            Optional<Set<String>> roles = JaasLogin.login(username, password);
            if (roles.isEmpty()) {
                throttle.failed(username);
                // not the name given: it may be a mistyped password
                cases.audit(NOT_SIGNED_IN, "login-failed", null, null);
                return Errors.error(401, "login_failed", "Wrong user name or password.");
            }
            throttle.succeeded(username);
            gate.purgeIdle();
            Sessions.Created created = gate.sessions().create(username, roles.get());
            cases.audit(username, "login", null, null);
            return Response.fromResponse(Errors.json(200, describe(created.session())))
                    .header("Set-Cookie", Access.cookie(created.sessionId(), request.isSecure())).build();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @GET
    public Response who(@Context HttpServletRequest request) {
        Session s = gate.require(request, Access.ANALYST, false);
        return Errors.json(200, describe(s));
    }

    @DELETE
    public Response logout(@Context HttpServletRequest request) {
        Session s = gate.require(request, Access.ANALYST, true);
        gate.sessions().end(Access.sessionId(request));
        cases.audit(s.username(), "logout", null, null);
        return Response.noContent().header("Set-Cookie", Access.cookie(null, request.isSecure()))
                .header("Cache-Control", "no-store").build();
    }

    private static Map<String, Object> describe(Session s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", s.username());
        out.put("roles", s.roles());
        out.put("csrfToken", s.csrfToken());
        return out;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
