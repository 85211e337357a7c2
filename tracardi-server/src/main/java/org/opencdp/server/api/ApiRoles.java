package org.opencdp.server.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The four user roles of the private API (private-api §2.4), as the strings used in {@code @RolesAllowed}.
 * Access is granted when any of the user's roles is allowed.
 */
public final class ApiRoles {

    public static final String ADMIN = "admin";
    public static final String DEVELOPER = "developer";
    public static final String MARKETER = "marketer";
    public static final String MAINTAINER = "maintainer";

    /** Every role, in the order the spec lists them. */
    public static final List<String> ALL = List.of(ADMIN, DEVELOPER, MARKETER, MAINTAINER);

    private ApiRoles() {
    }

    /** The canonical name of a role given in any case, or empty when it is not one of the four. */
    public static Optional<String> parse(String role) {
        if (role == null) {
            return Optional.empty();
        }
        String name = role.trim().toLowerCase(Locale.ROOT);
        return ALL.contains(name) ? Optional.of(name) : Optional.empty();
    }
}
