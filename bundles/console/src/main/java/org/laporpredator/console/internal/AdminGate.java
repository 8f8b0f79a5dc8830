package org.laporpredator.console.internal;

import java.time.Duration;
import javax.servlet.http.HttpServletRequest;
import org.laporpredator.api.accounts.Session;
import org.laporpredator.api.accounts.Sessions;
import org.laporpredator.spi.Modules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The console as a module: every admin resource goes through this gate, so switching the module off
 * takes the whole admin API away and leaves the public site and API up.
 */
@Component(service = AdminGate.class, configurationPid = AdminGate.PID, property = {
    Modules.ID + "=" + AdminGate.MODULE_ID, Modules.KIND + "=" + Modules.CONSOLE,
    Modules.NAME + "=Analysts' and admins' console"})
@Designate(ocd = ConsoleConfig.class)
public class AdminGate {

    public static final String PID = "org.laporpredator.console";
    public static final String MODULE_ID = "console";

    private final Sessions sessions;
    private volatile Duration idle;
    private volatile LoginThrottle throttle;

    @Activate
    public AdminGate(@Reference Sessions sessions, ConsoleConfig config) {
        this.sessions = sessions;
        modified(config);
    }

    @Modified
    void modified(ConsoleConfig config) {
        idle = Duration.ofMinutes(Math.max(1, config.sessionIdleMinutes()));
        throttle = new LoginThrottle(config.loginDelayMillis(), config.maxLoginDelayMillis(), System::nanoTime);
    }

    /** @throws javax.ws.rs.WebApplicationException 401 or 403 */
    Session require(HttpServletRequest request, String role, boolean changesState) {
        return Access.require(sessions, idle, request, role, changesState);
    }

    Sessions sessions() {
        return sessions;
    }

    /** Sessions nobody touched within the idle time, deleted at each sign-in (the table stays small). */
    void purgeIdle() {
        sessions.purge(idle);
    }

    LoginThrottle throttle() {
        return throttle;
    }
}
