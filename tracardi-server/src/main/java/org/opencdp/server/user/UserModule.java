package org.opencdp.server.user;

import java.time.Clock;
import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.api.auth.PasswordHasher;

/** Login, logout, users, the own account and preferences. */
public final class UserModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        UserDao users = new UserDao(wiring.backends().mysql().jdbi(), wiring.json());
        PasswordHasher hasher = new PasswordHasher(wiring.config().security().passwordHashCost());
        LoginService logins = new LoginService(users, new UserLogDao(wiring.backends().mysql().jdbi()),
                new LoginThrottle(wiring.backends().redis()), hasher, wiring.tokens(), Clock.systemUTC());
        UserService service = new UserService(users, hasher, wiring.tokens());
        return List.of(new LoginResource(logins, wiring.tokens()), new UserResource(users, service),
                new AccountResource(users, service));
    }
}
