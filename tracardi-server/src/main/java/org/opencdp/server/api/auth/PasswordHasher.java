package org.opencdp.server.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt password hashes (private-api §2.3). The cost is 12 in production; tests may lower it to keep
 * thousands of logins fast, never below bcrypt's minimum of 4.
 */
public final class PasswordHasher {

    public static final int DEFAULT_COST = 12;

    private final SecureRandom random = new SecureRandom();
    private final int cost;

    public PasswordHasher() {
        this(DEFAULT_COST);
    }

    public PasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31");
        }
        this.cost = cost;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
    }

    /** Whether the password matches the stored hash; a malformed hash never matches. */
    public boolean matches(String password, String storedHash) {
        if (password == null || storedHash == null || !storedHash.startsWith("$2")) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(storedHash, password.toCharArray());
        } catch (IllegalArgumentException | org.bouncycastle.crypto.DataLengthException malformed) {
            return false;
        }
    }

    /**
     * A short fingerprint of a stored hash, shown by {@code GET /user-account} instead of the hash itself
     * (domain-model §15.5): it changes when the password changes and reveals nothing useful.
     */
    public static String fingerprint(String storedHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(storedHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
