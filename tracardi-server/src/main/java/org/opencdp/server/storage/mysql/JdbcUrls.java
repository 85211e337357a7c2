package org.opencdp.server.storage.mysql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls apart {@code jdbc:mysql://host:port/database?options} URLs. */
public final class JdbcUrls {

    private static final Pattern URL = Pattern.compile("(jdbc:[a-z]+://[^/?]*)(?:/([^?]*))?(\\?.*)?");

    private JdbcUrls() {
    }

    /** The database named in the URL, or an empty string. */
    public static String database(String url) {
        Matcher matcher = matcher(url);
        return matcher.group(2) == null ? "" : matcher.group(2);
    }

    /** The same URL without the database, for creating it. */
    public static String serverUrl(String url) {
        Matcher matcher = matcher(url);
        return matcher.group(1) + "/" + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    /** {@code host:port/database}, safe to log (user info and options dropped). */
    public static String describe(String url) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            return "(unparsable JDBC URL)";
        }
        String hostPart = matcher.group(1).replaceFirst("^jdbc:[a-z]+://", "").replaceFirst("^[^@]*@", "");
        return hostPart + "/" + (matcher.group(2) == null ? "" : matcher.group(2));
    }

    private static Matcher matcher(String url) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a JDBC URL of the form jdbc:mysql://host:port/database");
        }
        return matcher;
    }
}
