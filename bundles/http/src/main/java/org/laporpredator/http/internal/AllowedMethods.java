package org.laporpredator.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

/**
 * The methods the JAX-RS resources of the whiteboard take at a path, for the {@code Allow} of a 405: CXF's
 * own is the methods of some root resource, not of the path asked for.
 */
final class AllowedMethods {

    private AllowedMethods() {
    }

    /** e.g. {@code GET, HEAD, OPTIONS}; empty when no resource serves the path. */
    static String at(JaxrsServiceRuntime runtime, String path) {
        if (runtime == null || path == null) {
            return "";
        }
        RuntimeDTO dto = runtime.getRuntimeDTO();
        List<ApplicationDTO> apps = new ArrayList<>();
        if (dto.defaultApplication != null) {
            apps.add(dto.defaultApplication);
        }
        if (dto.applicationDTOs != null) {
            apps.addAll(List.of(dto.applicationDTOs));
        }
        Set<String> methods = new TreeSet<>();
        for (ApplicationDTO app : apps) {
            List<ResourceMethodInfoDTO> infos = new ArrayList<>();
            if (app.resourceMethods != null) {
                infos.addAll(List.of(app.resourceMethods));
            }
            if (app.resourceDTOs != null) {
                for (ResourceDTO r : app.resourceDTOs) {
                    if (r.resourceMethods != null) {
                        infos.addAll(List.of(r.resourceMethods));
                    }
                }
            }
            for (ResourceMethodInfoDTO info : infos) {
                if (info.method != null && matches(join(app.base, info.path), path)) {
                    methods.add(info.method);
                }
            }
        }
        if (methods.isEmpty()) {
            return "";
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }

    static String join(String base, String path) {
        String b = base == null ? "" : base;
        String p = path == null ? "" : path;
        String joined = ("/" + b + "/" + p).replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** A JAX-RS path template ({@code /api/reports/{reference}/status}) against a request path. */
    static boolean matches(String template, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            regex.append(Pattern.quote(template.substring(i, open)));
            int close = template.indexOf('}', open);
            if (close < 0) {
                return false;
            }
            String variable = template.substring(open + 1, close);
            int colon = variable.indexOf(':');
            regex.append(colon < 0 ? "[^/]+" : "(?:" + variable.substring(colon + 1).trim() + ")");
            i = close + 1;
        }
        try {
            return Pattern.matches(regex.toString(), p);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
