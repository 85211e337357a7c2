package org.opencdp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dropwizard.jackson.Jackson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.auth.AccessTokens;
import org.opencdp.server.api.auth.PasswordHasher;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.user.UserDao;
import org.opencdp.server.user.UserRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code user add|list|disable|reset-password|grant-role}: private-API users without the GUI. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Creates, lists and changes users of the private API.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class,
                UserCommand.ResetPassword.class, UserCommand.GrantRole.class})
final class UserCommand {

    /** The tenant option shared by the user commands. */
    static final class TenantOption {
        @Option(names = "--tenant", paramLabel = "NAME", description = "tenant (default: tenancy.tenantName)")
        String tenant;

        Tenant resolve(TracardiConfiguration config) {
            return Tenant.of(tenant != null ? tenant : config.tenancy().tenantName());
        }
    }

    /** Opens MySQL (and Redis, to revoke tokens) for one command. */
    private record Stores(MysqlStore mysql, RedisStore redis, UserDao users, AccessTokens tokens) implements AutoCloseable {
        static Stores open(TracardiConfiguration config) {
            ObjectMapper json = Jackson.newObjectMapper();
            MysqlStore mysql = MysqlStore.connect(config.mysql(), new com.codahale.metrics.MetricRegistry(), "cli");
            RedisStore redis = RedisStore.connect(config.redis());
            return new Stores(mysql, redis, new UserDao(mysql.jdbi(), json), new AccessTokens(redis, json, config.security().tokenTtl()));
        }

        @Override
        public void close() throws Exception {
            redis.close();
            mysql.close();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Creates a user (prompts for the password).",
            footer = {"", "Example:", "  tracardi-cli user add --config config/all-in-one.yml --email ops@example.com --admin"})
    static final class Add implements Callable<Integer> {
        @Mixin ConfigOptions config;
        @Mixin TenantOption tenant = new TenantOption();
        @Option(names = "--email", required = true, description = "login e-mail") String email;
        @Option(names = "--name", description = "display name") String name;
        @Option(names = "--role", split = ",", description = "roles: admin, developer, marketer, maintainer") List<String> roles = new ArrayList<>();
        @Option(names = "--admin", description = "shortcut for --role admin,maintainer") boolean admin;
        @Option(names = "--password", interactive = true, arity = "0..1", required = true,
                description = "the password; asked for when given without a value") char[] password;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LinkedHashSet<String> granted = new LinkedHashSet<>();
            if (admin) {
                granted.add(ApiRoles.ADMIN);
                granted.add(ApiRoles.MAINTAINER);
            }
            for (String role : roles) {
                Optional<String> parsed = ApiRoles.parse(role);
                if (parsed.isEmpty()) {
                    spec.commandLine().getErr().println("unknown role '" + role + "'; allowed: " + ApiRoles.ALL);
                    return 2;
                }
                granted.add(parsed.get());
            }
            if (granted.isEmpty() || password == null || password.length == 0) {
                spec.commandLine().getErr().println("give at least one --role (or --admin) and a non-empty --password");
                return 2;
            }
            TracardiConfiguration loaded = config.load();
            try (Stores stores = Stores.open(loaded)) {
                Tenant target = tenant.resolve(loaded);
                UserRecord user = new UserRecord(UUID.randomUUID().toString(), email.trim(), name == null ? "" : name,
                        List.copyOf(granted), true, null, JsonNodeFactory.instance.objectNode());
                stores.users().insert(target, user, new PasswordHasher(loaded.security().passwordHashCost()).hash(new String(password)));
                spec.commandLine().getOut().println("user " + user.email() + " created in tenant " + target + " with roles " + granted);
            } catch (UserDao.DuplicateEmailException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users.",
            footer = {"", "Example:", "  tracardi-cli user list --config config/all-in-one.yml"})
    static final class ListUsers implements Callable<Integer> {
        @Mixin ConfigOptions config;
        @Mixin TenantOption tenant = new TenantOption();
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TracardiConfiguration loaded = config.load();
            try (Stores stores = Stores.open(loaded)) {
                for (UserRecord user : stores.users().list(tenant.resolve(loaded), 0, 10_000)) {
                    spec.commandLine().getOut().printf("%-36s %-40s %-9s %s%n", user.id(), user.email(),
                            user.enabled() ? "enabled" : "disabled", String.join(",", user.roles()));
                }
            }
            return 0;
        }
    }

    /** Base of the commands that change one user found by e-mail. */
    abstract static class Change implements Callable<Integer> {
        @Mixin ConfigOptions config;
        @Mixin TenantOption tenant = new TenantOption();
        @Parameters(index = "0", paramLabel = "EMAIL", description = "the user's e-mail") String email;
        @Spec CommandSpec spec;

        abstract UserRecord change(UserRecord user);

        String newPassword() {
            return null;
        }

        @Override
        public Integer call() throws Exception {
            TracardiConfiguration loaded = config.load();
            try (Stores stores = Stores.open(loaded)) {
                Tenant target = tenant.resolve(loaded);
                Optional<UserDao.Credentials> found = stores.users().findByEmail(target, email);
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("no user " + email + " in tenant " + target);
                    return 1;
                }
                UserRecord changed = change(found.get().user());
                if (changed == null) {
                    return 2;
                }
                String password = newPassword();
                stores.users().update(target, changed, password == null ? null
                        : new PasswordHasher(loaded.security().passwordHashCost()).hash(password));
                // Any change of access ends the user's sessions at once.
                stores.tokens().revokeAll(target, changed.id());
                spec.commandLine().getOut().println("user " + changed.email() + " updated; existing tokens revoked");
            }
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables a user and revokes its tokens.",
            footer = {"", "Example:", "  tracardi-cli user disable --config config/all-in-one.yml ops@example.com"})
    static final class Disable extends Change {
        @Override
        UserRecord change(UserRecord user) {
            return new UserRecord(user.id(), user.email(), user.name(), user.roles(), false, user.expirationTimestamp(), user.preference());
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true, description = "Sets a new password (prompted).",
            footer = {"", "Example:", "  tracardi-cli user reset-password --config config/all-in-one.yml ops@example.com --password"})
    static final class ResetPassword extends Change {
        @Option(names = "--password", interactive = true, arity = "0..1", required = true,
                description = "the new password; asked for when given without a value") char[] password;

        @Override
        UserRecord change(UserRecord user) {
            if (password == null || password.length == 0) {
                spec.commandLine().getErr().println("the password must not be empty");
                return null;
            }
            return user;
        }

        @Override
        String newPassword() {
            return new String(password);
        }
    }

    @Command(name = "grant-role", mixinStandardHelpOptions = true, description = "Adds roles to a user.",
            footer = {"", "Example:", "  tracardi-cli user grant-role --config config/all-in-one.yml ops@example.com --role developer"})
    static final class GrantRole extends Change {
        @Option(names = "--role", split = ",", required = true, description = "roles to add") List<String> roles;

        @Override
        UserRecord change(UserRecord user) {
            LinkedHashSet<String> all = new LinkedHashSet<>(user.roles());
            for (String role : roles) {
                Optional<String> parsed = ApiRoles.parse(role);
                if (parsed.isEmpty()) {
                    spec.commandLine().getErr().println("unknown role '" + role + "'; allowed: " + ApiRoles.ALL);
                    return null;
                }
                all.add(parsed.get());
            }
            return new UserRecord(user.id(), user.email(), user.name(), List.copyOf(all), user.enabled(), user.expirationTimestamp(), user.preference());
        }
    }
}
