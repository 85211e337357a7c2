package org.opencdp.server.role;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The roles of the one binary (operations §1). */
public enum Role {
    COLLECTOR("collector", true),
    PRIVATE("private", true),
    WORKER("worker", false),
    APM("apm", false),
    TMS("tms", true),
    MIGRATE("migrate", false),
    ALL_IN_ONE("all-in-one", true);

    private final String label;
    private final boolean servesApplicationPort;

    Role(String label, boolean servesApplicationPort) {
        this.label = label;
        this.servesApplicationPort = servesApplicationPort;
    }

    public String label() {
        return label;
    }

    /** Worker roles have only the admin port: no application connector, no public resources. */
    public boolean servesApplicationPort() {
        return servesApplicationPort;
    }

    public static Role parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.label.equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (expected " + labels() + ")");
    }

    public static String labels() {
        return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
