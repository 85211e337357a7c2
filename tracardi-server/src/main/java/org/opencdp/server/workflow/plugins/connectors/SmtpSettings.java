package org.opencdp.server.workflow.plugins.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach an SMTP server, read from a resource's credentials. Tracardi's SMTP resource holds
 * {@code {smtp, port, username, password, timeout}}; we also accept {@code host} for {@code smtp}, and two optional
 * keys of our own: {@code tls} ({@code "starttls"}, {@code "ssl"} or {@code "none"}; true/false mean starttls/none)
 * and {@code ssl_check} (false accepts any server certificate).
 *
 * <p>Without {@code tls}, port 465 means implicit TLS and every other port a required STARTTLS, as Tracardi always
 * upgraded the connection before logging in; a password is therefore never sent in clear unless asked for.
 */
record SmtpSettings(String host, int port, String username, String password, Duration timeout, Tls tls,
                    boolean checkCertificates) {

    /** How the connection is secured. */
    enum Tls {
        /** Plain connection upgraded with STARTTLS; the upgrade is required. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        SSL,
        /** No encryption (local relays and test servers). */
        NONE
    }

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    /** Reads and checks the credentials; the message names the faulty key. */
    static SmtpSettings from(JsonNode credentials) {
        String host = text(credentials, "smtp");
        if (host.isBlank()) {
            host = text(credentials, "host");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("The SMTP resource has no `smtp` host in its credentials.");
        }
        int port = wholeNumber(credentials.path("port"), "port", 25);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The SMTP resource's `port` must be between 1 and 65535, not " + port + ".");
        }
        int seconds = wholeNumber(credentials.path("timeout"), "timeout", (int) DEFAULT_TIMEOUT.toSeconds());
        if (seconds <= 0) {
            throw new IllegalArgumentException("The SMTP resource's `timeout` must be a positive number of seconds.");
        }
        boolean checkCertificates = !credentials.path("ssl_check").isBoolean() || credentials.path("ssl_check").booleanValue();
        return new SmtpSettings(host.trim(), port, text(credentials, "username"), text(credentials, "password"),
                Duration.ofSeconds(seconds), tls(credentials.path("tls"), port), checkCertificates);
    }

    boolean authenticates() {
        return !username.isEmpty();
    }

    /** Hides the password when the settings are logged or shown in a console message. */
    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", user=" + username + ", tls=" + tls + "]";
    }

    private static Tls tls(JsonNode value, int port) {
        if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return port == 465 ? Tls.SSL : Tls.STARTTLS;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? Tls.STARTTLS : Tls.NONE;
        }
        switch (value.asText().trim().toLowerCase(Locale.ROOT)) {
            case "starttls": case "true": return Tls.STARTTLS;
            case "ssl": case "tls": case "smtps": return Tls.SSL;
            case "none": case "false": case "plain": return Tls.NONE;
            default:
                throw new IllegalArgumentException("The SMTP resource's `tls` must be starttls, ssl or none, not '"
                        + value.asText() + "'.");
        }
    }

    private static String text(JsonNode credentials, String key) {
        JsonNode value = credentials.path(key);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    private static int wholeNumber(JsonNode value, String key, int fallback) {
        if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return fallback;
        }
        if (value.isIntegralNumber()) {
            return value.intValue();
        }
        try {
            return Integer.parseInt(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The SMTP resource's `" + key + "` must be a whole number, not '" + value.asText() + "'.");
        }
    }
}
