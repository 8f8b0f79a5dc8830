package org.laporpredator.channel.web.internal;

/**
 * A small HTML builder. Tag and attribute names come from code; every text and attribute value is
 * escaped. There is no way to write raw markup from a value.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(8192);

    /** Starts a document with {@code <!DOCTYPE html>}. */
    static Html document() {
        Html h = new Html();
        h.out.append("<!DOCTYPE html>\n");
        return h;
    }

    /** Escapes {@code & < > " '} for text and attribute values. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Opens a tag.
     *
     * @param attrs name, value pairs; a null value leaves the attribute out
     */
    Html open(String tag, String... attrs) {
        out.append('<').append(tag);
        if (attrs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                out.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** Escaped text. */
    Html text(String s) {
        out.append(escape(s));
        return this;
    }

    /** An element holding only text. */
    Html el(String tag, String text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    /** A line break in the source, for readability. */
    Html nl() {
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
