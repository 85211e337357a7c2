package org.opencdp.server.install;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.api.auth.PasswordHasher;
import org.opencdp.server.user.UserDao;
import org.opencdp.server.user.UserService;

/** {@code /install}, {@code /info/*}, {@code /} and {@code /migrations}. */
public final class InstallModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        UserDao users = new UserDao(wiring.backends().mysql().jdbi(), wiring.json());
        UserService userService = new UserService(users, new PasswordHasher(wiring.config().security().passwordHashCost()),
                wiring.tokens());
        InstallService service = new InstallService(wiring.config(), wiring.backends(), users, userService, wiring.json());
        return List.of(new InstallResource(service, new InstallThrottle(wiring.backends().redis(), wiring.tenant())),
                new InfoResource(wiring.config().compat().reportedVersion(), wiring.pipeline().node(), service));
    }
}
