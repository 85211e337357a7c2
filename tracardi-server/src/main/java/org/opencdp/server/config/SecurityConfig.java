package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Base64;

/** Installation token, the key that encrypts stored credentials, and token lifetime. */
public class SecurityConfig {

    /** Tracardi's well-known default installation token, refused unless explicitly allowed. */
    public static final String DEFAULT_INSTALLATION_TOKEN = "tracardi";

    @JsonProperty
    private String installationToken = "";
    @JsonProperty
    private boolean allowDefaultInstallationToken = false;
    @JsonProperty
    private String secretKey = "";
    @JsonProperty @NotNull
    private Duration tokenTtl = Duration.ofMinutes(30);
    /** bcrypt cost of new password hashes; 12 unless a test profile lowers it. */
    @JsonProperty @jakarta.validation.constraints.Min(4) @jakarta.validation.constraints.Max(31)
    private int passwordHashCost = 12;

    /** Whether {@code POST /install} may be used with the configured token. */
    public boolean installationTokenUsable() {
        if (installationToken == null || installationToken.isBlank()) {
            return false;
        }
        return allowDefaultInstallationToken || !DEFAULT_INSTALLATION_TOKEN.equals(installationToken);
    }

    /** Decodes {@code secretKey}; the caller has validated it with {@link StartupValidator}. */
    public byte[] secretKeyBytes() {
        return Base64.getDecoder().decode(secretKey.trim());
    }

    public String installationToken() { return installationToken; }
    public boolean allowDefaultInstallationToken() { return allowDefaultInstallationToken; }
    public String secretKey() { return secretKey; }
    public Duration tokenTtl() { return tokenTtl; }
    public int passwordHashCost() { return passwordHashCost; }

    public void setSecretKey(String secretKey) { this.secretKey = secretKey; }
}
