package org.opencdp.server.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tenant name as it appears in index names, Redis keys and MySQL rows: lower-case letters and digits,
 * 3–40 characters, not all digits (operations §5.1).
 */
public record Tenant(String name) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9]{3,40}");

    public Tenant {
        if (name == null || !VALID.matcher(name).matches() || name.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid tenant name '" + name
                    + "': use 3-40 lower-case letters and digits, not only digits");
        }
    }

    public static Tenant of(String name) {
        return new Tenant(name == null ? null : name.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name;
    }
}
