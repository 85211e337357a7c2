package org.opencdp.server.api.auth;

import io.dropwizard.auth.Authenticator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.ApiUser;

/**
 * Resolves a bearer token to its user through {@link AccessTokens}. It is the seam for other schemes
 * (an OIDC authenticator can replace it without touching resources).
 */
public final class TokenAuthenticator implements Authenticator<BearerCredentials, ApiUser> {

    private final AccessTokens tokens;

    public TokenAuthenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<ApiUser> authenticate(BearerCredentials credentials) {
        return tokens.lookup(credentials.tenant(), credentials.token()).map(grant -> {
            Set<String> roles = new LinkedHashSet<>();
            grant.roles().forEach(role -> ApiRoles.parse(role).ifPresent(roles::add));
            return new ApiUser(credentials.tenant(), grant.userId(), grant.email(), roles,
                    AccessTokens.sha256(credentials.token()));
        });
    }
}
