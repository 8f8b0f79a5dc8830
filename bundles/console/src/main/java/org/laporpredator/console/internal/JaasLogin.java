package org.laporpredator.console.internal;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/** Checks a user name and password against Karaf's JAAS realm {@code karaf}; the console's roles of the account. */
final class JaasLogin {

    static final String REALM = "karaf";

    private JaasLogin() {
    }

    /** The account's console roles ({@code analyst}, {@code admin}), or empty when the login fails or it has none. */
    static Optional<Set<String>> login(String username, char[] password) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(JaasLogin.class.getClassLoader());
        try {
            Subject subject = new Subject();
            LoginContext context = new LoginContext(REALM, subject, callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(username);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            context.login();
            Set<String> roles = new TreeSet<>();
            for (Principal p : subject.getPrincipals(RolePrincipal.class)) {
                if (Access.ANALYST.equals(p.getName()) || Access.ADMIN.equals(p.getName())) {
                    roles.add(p.getName());
                }
            }
            context.logout();
            return roles.isEmpty() ? Optional.empty() : Optional.of(roles);
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
