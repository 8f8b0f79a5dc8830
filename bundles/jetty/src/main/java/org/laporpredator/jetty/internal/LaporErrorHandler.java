package org.laporpredator.jetty.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * What Jetty refuses before any servlet runs (a request line too long, a bad % encoding, a bad Host, headers
 * too large): a short body of ours, JSON {@code {error, message}} when the path is under /api or unknown,
 * plain text in Bahasa Malaysia and English otherwise; never Jetty's HTML, never a value from the request.
 */
public class LaporErrorHandler extends ErrorHandler {

    public LaporErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        boolean api = isApi(currentPath());
        fields.put(HttpHeader.CONTENT_TYPE, api ? "application/json; charset=UTF-8" : "text/plain; charset=UTF-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put("X-Frame-Options", "DENY");
        return ByteBuffer.wrap(body(status, api));
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        boolean api = isApi(request.getRequestURI());
        byte[] body = body(code, api);
        baseRequest.setHandled(true);
        response.setContentType(api ? "application/json; charset=UTF-8" : "text/plain; charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static byte[] body(int status, boolean api) {
        String en = english(status);
        String text = api
                ? "{\"error\":\"" + code(status) + "\",\"message\":\"" + en + "\"}"
                : status + " " + HttpStatus.getMessage(status) + "\n" + malay(status) + "\n" + en + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** As lapor-http decides it: under /api, also when a malformed path goes on with '\\', ';' or '%'. */
    private static boolean isApi(String path) {
        if (path == null) {
            return true;
        }
        return path.startsWith("/api") && (path.length() == 4 || "/\\;%".indexOf(path.charAt(4)) >= 0);
    }

    /** The path of the request being refused, when Jetty read that far. */
    private static String currentPath() {
        HttpConnection connection = HttpConnection.getCurrentConnection();
        HttpChannel channel = connection == null ? null : connection.getHttpChannel();
        Request request = channel == null ? null : channel.getRequest();
        if (request == null || request.getHttpURI() == null) {
            return null;
        }
        String path = request.getHttpURI().getPath();
        return path == null || path.isEmpty() ? null : path;
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    private static String english(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 408 -> "The request took too long.";
            case 413 -> "The request is too large.";
            case 414 -> "The address is too long.";
            case 431 -> "The request's headers are too large.";
            default -> status >= 500 ? "Something went wrong on our side. Please try again later."
                    : "The request is not valid. Please check the address and try again.";
        };
    }

    private static String malay(int status) {
        return switch (status) {
            case 404 -> "Tiada apa-apa di alamat ini.";
            case 405 -> "Alamat ini tidak menerima kaedah itu.";
            case 408 -> "Permintaan mengambil masa terlalu lama.";
            case 413 -> "Permintaan terlalu besar.";
            case 414 -> "Alamat terlalu panjang.";
            case 431 -> "Pengepala permintaan terlalu besar.";
            default -> status >= 500 ? "Ada masalah di pihak kami. Sila cuba lagi kemudian."
                    : "Permintaan tidak sah. Sila semak alamat dan cuba lagi.";
        };
    }
}
