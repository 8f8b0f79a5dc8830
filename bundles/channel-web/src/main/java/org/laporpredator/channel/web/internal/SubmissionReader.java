package org.laporpredator.channel.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.laporpredator.api.Category;
import org.laporpredator.api.PlatformHint;
import org.laporpredator.api.Submission;

/**
 * Turns a request body (JSON from the REST API, or the form's fields) into a {@link Submission}.
 * Pure: no OSGi, no JAX-RS. Limits on URLs, lengths and characters are the core's job.
 */
final class SubmissionReader {

    /** The largest body taken, in bytes. */
    static final int MAX_BODY = 64 * 1024;
    /** A report that carries a chat export may be this large. */
    static final int MAX_BODY_WITH_CHAT = 2 * 1024 * 1024;

    private SubmissionReader() {
    }

    /**
     * Checks the Content-Type and the size, then reads the JSON body.
     *
     * @throws WebError 415, 413 or 400
     */
    static Submission fromJson(String contentType, String contentLength, InputStream body) {
        if (!isJson(contentType)) {
            throw new WebError(415, "unsupported_media_type");
        }
        byte[] bytes = readLimited(body, contentLength);
        Utf8.check(bytes);
        Submission s = fromJson(bytes);
        checkSize(bytes, s.chatExport());
        return s;
    }

    /** Only a report with a chat export may be larger than {@link #MAX_BODY}. @throws WebError 413 */
    static void checkSize(byte[] body, String chatExport) {
        if (body.length > MAX_BODY && blankToNull(chatExport) == null) {
            throw new WebError(413, "body_too_large");
        }
    }

    /** Reads a JSON object. @throws WebError 400 */
    static Submission fromJson(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WebError(400, "malformed_json");
        } catch (IOException e) {
            throw new WebError(400, "malformed_json");
        }
        if (root == null || !root.isObject()) {
            throw new WebError(400, "malformed_json");
        }
        String language = language(text(root, "language"));
        try {
            PlatformHint platform = platform(text(root, "platform"));
            List<String> urls = urls(root.get("urls"));
            Category category = category(text(root, "category"));
            String description = blankToNull(text(root, "description"));
            boolean anonymous = bool(root, "anonymous");
            String contact = anonymous ? null : blankToNull(text(root, "contact"));
            String chat = blankToNull(text(root, "chatExport"));
            boolean urgent = bool(root, "urgent");
            return new Submission(WebChannel.MODULE_ID, platform, urls, category, description, anonymous, contact,
                    language, chat).withUrgent(urgent);
        } catch (WebError e) {
            throw e.inLanguage(language);
        }
    }

    /** The form's fields as a submission, from no known client. @throws WebError 400 */
    static Submission fromForm(FormInput in) {
        return fromForm(in, null);
    }

    /** The form's fields as a submission, with the form's idempotency key. @throws WebError 400 */
    static Submission fromForm(FormInput in, String client) {
        String language = language(blankToNull(in.lang()));
        try {
            return new Submission(WebChannel.MODULE_ID, platform(in.platform()), splitUrls(in.urls()),
                    category(in.category()), blankToNull(in.description()), in.anonymous(), in.contact(), language,
                    blankToNull(in.chatExport())).withUrgent(in.urgent()).from(client, idempotencyKey(in.idempotencyKey()));
        } catch (WebError e) {
            throw e.inLanguage(language);
        }
    }

    /**
     * An Idempotency-Key header (a structured-field string, {@code "..."}, or the bare text) or form field:
     * 1 to 255 visible ASCII characters; null when absent.
     *
     * @throws WebError 400 invalid_idempotency_key
     */
    static String idempotencyKey(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String key = value.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > 255) {
            throw new WebError(400, "invalid_idempotency_key");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                throw new WebError(400, "invalid_idempotency_key");
            }
        }
        return key;
    }

    /** True for application/json, with no charset or UTF-8. */
    static boolean isJson(String contentType) {
        return hasType(contentType, "application/json");
    }

    /** True when the Content-Type is the given type and any charset is UTF-8. */
    static boolean hasType(String contentType, String type) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(type)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String charset = p.substring(eq + 1).trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Reads at most {@link #MAX_BODY_WITH_CHAT} bytes.
     *
     * @param contentLength the Content-Length header or null
     * @throws WebError 413 when the body is larger, 400 when it cannot be read
     */
    static byte[] readLimited(InputStream body, String contentLength) {
        int declared = -1;
        if (contentLength != null) {
            try {
                long length = Long.parseLong(contentLength.trim());
                if (length > MAX_BODY_WITH_CHAT) {
                    throw new WebError(413, "body_too_large");
                }
                declared = (int) length;
            } catch (NumberFormatException e) {
                // not a number: count the bytes instead
            }
        }
        if (body == null) {
            return new byte[0];
        }
        try {
            if (declared >= 0) {
                // the usual case, read in one go; a body longer than declared is still counted below
                byte[] bytes = body.readNBytes(declared + 1);
                if (bytes.length <= declared) {
                    return bytes;
                }
                byte[] rest = body.readNBytes(MAX_BODY_WITH_CHAT + 1 - bytes.length);
                byte[] all = Arrays.copyOf(bytes, bytes.length + rest.length);
                System.arraycopy(rest, 0, all, bytes.length, rest.length);
                return checkLimit(all);
            }
            return checkLimit(body.readNBytes(MAX_BODY_WITH_CHAT + 1));
        } catch (IOException e) {
            throw new WebError(400, "malformed_json");
        }
    }

    private static byte[] checkLimit(byte[] bytes) {
        if (bytes.length > MAX_BODY_WITH_CHAT) {
            throw new WebError(413, "body_too_large");
        }
        return bytes;
    }

    /** Splits comma- or line-separated links; trims them and drops empty ones. */
    static List<String> splitUrls(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split("[,\\r\\n]+")) {
            String url = part.strip();
            if (!url.isEmpty()) {
                out.add(url);
            }
        }
        return out;
    }

    /** null or blank gives null. @throws WebError unknown_platform */
    static PlatformHint platform(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return PlatformHint.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WebError(400, "unknown_platform");
        }
    }

    /** @throws WebError missing_category or unknown_category */
    static Category category(String name) {
        if (name == null || name.isBlank()) {
            throw new WebError(400, "missing_category");
        }
        try {
            return Category.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WebError(400, "unknown_category");
        }
    }

    /** null gives {@code ms}. @throws WebError unsupported_language */
    static String language(String lang) {
        if (lang == null) {
            return Messages.MS;
        }
        String l = lang.trim().toLowerCase(Locale.ROOT);
        if (!Messages.isSupported(l)) {
            throw new WebError(400, "unsupported_language");
        }
        return l;
    }

    private static List<String> urls(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return splitUrls(node.asText());
        }
        if (!node.isArray()) {
            throw new WebError(400, "invalid_field", "urls");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new WebError(400, "invalid_field", "urls");
            }
            String url = item.asText().strip();
            if (!url.isEmpty()) {
                out.add(url);
            }
        }
        return out;
    }

    /** A string field, or null when absent or null. */
    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new WebError(400, "invalid_field", field);
        }
        return node.asText();
    }

    private static boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new WebError(400, "invalid_field", field);
        }
        return node.booleanValue();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
