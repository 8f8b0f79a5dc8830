package org.laporpredator.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.Preprocessor;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request passes here first, in every context: malformed ones are refused with an answer of ours
 * and one short log line that names no value from the request; the others get the security headers.
 * Refused: a Host that is not a host name or address, a path with a backslash, an encoded slash, dot,
 * backslash or control character, or a ';' parameter; TRACE and TRACK (405 with the path's real
 * {@code Allow}); a Content-Type naming a charset Java does not know.
 */
@Component(service = Preprocessor.class)
public class PublicSurface implements Preprocessor {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile JaxrsServiceRuntime jaxrs;

    private static final Logger LOG = LoggerFactory.getLogger(PublicSurface.class);

    /** A reg-name or IPv4 address, or an IPv6 literal in brackets, and an optional port. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?(?:\\.[A-Za-z0-9-]{1,63})*\\.?"
            + "|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");
    private static final Set<String> ECHOING = Set.of("TRACE", "TRACK");
    /** Set by lapor-jetty on a TRACE request that Pax Web would refuse before us; it comes as OPTIONS. */
    static final String TRACE = "org.laporpredator.http.trace";

    @Override
    public void init(FilterConfig config) {
    }

    @Override
    public void destroy() {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String problem = problem(request);
        if (problem != null) {
            int status = problem.equals("unsupported_media_type") ? 415 : 400;
            LOG.info("Refused a request: {} {}", status, problem);
            Refusal.send(request, response, status, problem);
            return;
        }
        if (ECHOING.contains(request.getMethod().toUpperCase(Locale.ROOT)) || request.getAttribute(TRACE) != null) {
            notAllowed(request, response, chain);
            return;
        }
        String path = request.getRequestURI();
        Headers.secure(response, Refusal.isApi(path));
        chain.doFilter(request, Headers.once(response, () -> AllowedMethods.at(jaxrs, path)));
    }

    /** The code of what is wrong with the request, or null. */
    static String problem(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host != null && !HOST.matcher(host).matches()) {
            return "invalid_host";
        }
        if (!isCleanPath(request.getRequestURI())) {
            return "invalid_path";
        }
        String type = request.getContentType();
        if (type != null && !knownCharset(type)) {
            return "unsupported_media_type";
        }
        return null;
    }

    /** The raw path: printable ASCII, no backslash, no ';', no encoded '/', '\', '.', '%' or control character. */
    static boolean isCleanPath(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\' || c == ';') {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    return false;
                }
                int hi = Character.digit(path.charAt(i + 1), 16);
                int lo = Character.digit(path.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                int b = hi << 4 | lo;
                if (b < 0x20 || b == 0x7f || b == '/' || b == '\\' || b == '.' || b == '%' || b == ';') {
                    return false;
                }
            }
        }
        return true;
    }

    /** False when the Content-Type names a charset that is not a valid, known one. */
    static boolean knownCharset(String contentType) {
        for (String param : contentType.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String name = param.substring(eq + 1).trim().replace("\"", "");
                try {
                    if (name.isEmpty() || !Charset.isSupported(name)) {
                        return false;
                    }
                } catch (IllegalCharsetNameException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * 405 for TRACE and TRACK, with the Allow the application gives this path: the request goes on to it
     * with its answer kept from the client, which sees only the status and Allow.
     */
    private void notAllowed(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Probe probe = new Probe(response);
        String method = request.getAttribute(TRACE) != null ? "TRACE" : request.getMethod();
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return method;
            }
        }, probe);
        String allow = AllowedMethods.at(jaxrs, request.getRequestURI());
        if (probe.status == 404 || allow.isEmpty() && probe.status != 405) {
            Refusal.send(request, response, 404, "not_found");
            return;
        }
        if (!allow.isEmpty()) {
            response.setHeader("Allow", allow);
        }
        Refusal.send(request, response, 405, "method_not_allowed");
    }

    /** Keeps the status of an answer and drops the rest. */
    private static final class Probe extends HttpServletResponseWrapper {
        int status = 200;

        Probe(HttpServletResponse response) {
            super(response);
        }

        @Override public void setStatus(int sc) { status = sc; }
        @Override public void sendError(int sc) { status = sc; }
        @Override public void sendError(int sc, String msg) { status = sc; }
        @Override public void setHeader(String name, String value) { }
        @Override public void addHeader(String name, String value) { }
        @Override public void setIntHeader(String name, int value) { }
        @Override public void addIntHeader(String name, int value) { }
        @Override public void setDateHeader(String name, long date) { }
        @Override public void addDateHeader(String name, long date) { }
        @Override public void setContentType(String type) { }
        @Override public void setContentLength(int len) { }
        @Override public void setContentLengthLong(long len) { }
        @Override public void setCharacterEncoding(String charset) { }
        @Override public void flushBuffer() { }
        @Override public boolean isCommitted() { return false; }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override public boolean isReady() { return true; }
                @Override public void setWriteListener(WriteListener l) { }
                @Override public void write(int b) { }
            };
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(OutputStream.nullOutputStream());
        }
    }
}
