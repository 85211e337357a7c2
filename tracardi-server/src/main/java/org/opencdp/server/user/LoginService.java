package org.opencdp.server.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.opencdp.server.api.auth.AccessTokens;
import org.opencdp.server.api.auth.PasswordHasher;
import org.opencdp.server.api.auth.TokenGrant;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.storage.Tenant;

/**
 * Checks credentials and issues tokens (private-api §2.1). Every failure looks the same to the caller
 * (unknown user, wrong password, disabled, expired); each attempt is written to the login audit.
 */
public final class LoginService {

    /** The outcome of a login attempt. */
    public sealed interface Outcome {
        record Granted(String token, UserRecord user, long expiresIn) implements Outcome { }
        record Refused() implements Outcome { }
        record Throttled() implements Outcome { }
    }

    private final UserDao users;
    private final UserLogDao audit;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final AccessTokens tokens;
    private final Clock clock;

    public LoginService(UserDao users, UserLogDao audit, LoginThrottle throttle, PasswordHasher hasher,
                        AccessTokens tokens, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.throttle = throttle;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Outcome login(Tenant tenant, String email, String password, String address) {
        Instant now = clock.instant();
        if (throttle.blocked(tenant, email, address)) {
            audit.record(tenant, email, false, address, now);
            return new Outcome.Throttled();
        }
        Optional<UserDao.Credentials> found = users.findByEmail(tenant, email);
        boolean ok = found.isPresent() && found.get().user().enabled() && !found.get().user().expired(now)
                && hasher.matches(password, found.get().passwordHash());
        audit.record(tenant, email, ok, address, now);
        if (!ok) {
            throttle.recordFailure(tenant, email, address);
            return new Outcome.Refused();
        }
        UserRecord user = found.get().user();
        String token = tokens.issue(tenant, new TokenGrant(user.id(), user.email(), user.roles(), Times.format(now)));
        return new Outcome.Granted(token, user, tokens.ttl().toSeconds());
    }
}
