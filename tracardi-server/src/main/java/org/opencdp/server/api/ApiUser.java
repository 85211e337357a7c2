package org.opencdp.server.api;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;
import org.opencdp.server.storage.Tenant;

/**
 * The user an access token was issued to, as the auth filter hands it to resources.
 *
 * @param tenant the tenant the token belongs to; a token is valid only in its own tenant
 * @param id     the user's id
 * @param email  the login name
 * @param roles  canonical role names ({@link ApiRoles})
 * @param tokenHash the SHA-256 of the presented token, so logout can revoke exactly that token
 */
public record ApiUser(Tenant tenant, String id, String email, Set<String> roles, String tokenHash) implements Principal {

    public ApiUser {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return email;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
