package org.laporpredator.links;

import java.util.regex.Pattern;

/** Undoes the usual ways people defang links: hxxp, [.], (.), {.}, [dot], [:]. */
public final class Refang {

    private static final Pattern SCHEME = Pattern.compile("^h(?:xx|XX|\\*\\*)p(s?)(\\[:\\]|:)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOT = Pattern.compile("\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)", Pattern.CASE_INSENSITIVE);

    private Refang() {
    }

    public static String refang(String s) {
        String out = SCHEME.matcher(s).replaceFirst("http$1:");
        out = DOT.matcher(out).replaceAll(".");
        return out.replace("[:]", ":").replace("[/]", "/");
    }
}
