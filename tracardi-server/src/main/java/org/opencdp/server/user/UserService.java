package org.opencdp.server.user;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;
import org.opencdp.server.api.auth.AccessTokens;
import org.opencdp.server.api.auth.PasswordHasher;
import org.opencdp.server.storage.Tenant;

/**
 * User administration. Changing a user's roles, disabling or deleting the user revokes every token the
 * user holds, so a demoted user loses access at once (private-api §2.2).
 */
public final class UserService {

    private final UserDao users;
    private final PasswordHasher hasher;
    private final AccessTokens tokens;

    public UserService(UserDao users, PasswordHasher hasher, AccessTokens tokens) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    public UserRecord create(Tenant tenant, UserInput input) {
        UserRecord user = new UserRecord(UUID.randomUUID().toString(), input.email(), input.name(), input.roles(),
                input.enabled(), input.expirationTimestamp(), JsonNodeFactory.instance.objectNode());
        users.insert(tenant, user, hasher.hash(input.password()));
        return user;
    }

    /** Replaces the user's fields; the password only when given. Empty when the user does not exist. */
    public Optional<UserRecord> update(Tenant tenant, String id, UserInput input) {
        Optional<UserRecord> existing = users.find(tenant, id);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        UserRecord before = existing.get();
        UserRecord after = new UserRecord(id, input.email(), input.name(), input.roles(), input.enabled(),
                input.expirationTimestamp(), before.preference());
        users.update(tenant, after, input.password() == null ? null : hasher.hash(input.password()));
        if (!new HashSet<>(before.roles()).equals(new HashSet<>(after.roles())) || (before.enabled() && !after.enabled())
                || input.password() != null) {
            tokens.revokeAll(tenant, id);
        }
        return Optional.of(after);
    }

    public boolean delete(Tenant tenant, String id) {
        boolean deleted = users.delete(tenant, id) > 0;
        if (deleted) {
            tokens.revokeAll(tenant, id);
        }
        return deleted;
    }

    /** Changes the caller's own name and/or password; the caller's tokens stay valid. */
    public Optional<UserRecord> updateAccount(Tenant tenant, String id, String name, String password) {
        return users.find(tenant, id).map(user -> {
            UserRecord after = new UserRecord(id, user.email(), name == null ? user.name() : name, user.roles(),
                    user.enabled(), user.expirationTimestamp(), user.preference());
            users.update(tenant, after, password == null || password.isEmpty() ? null : hasher.hash(password));
            return after;
        });
    }

    public Optional<UserRecord> savePreferences(Tenant tenant, UserRecord user, ObjectNode preference) {
        users.update(tenant, user.withPreference(preference), null);
        return Optional.of(user.withPreference(preference));
    }
}
