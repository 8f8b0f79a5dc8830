package org.laporpredator.channel.web.internal;

/** A request this channel refuses before it reaches the core: an HTTP status, a stable code and maybe a field name. */
final class WebError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;
    private final String language;

    WebError(int status, String code) {
        this(status, code, null, null);
    }

    WebError(int status, String code, String field) {
        this(status, code, field, null);
    }

    private WebError(int status, String code, String field, String language) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.language = language;
    }

    /** The same error, to be told in the reporter's language. */
    WebError inLanguage(String language) {
        return new WebError(status, code, field, language);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The field it is about, or null. */
    String field() {
        return field;
    }

    /** The language of the request when known, else null. */
    String language() {
        return language;
    }
}
