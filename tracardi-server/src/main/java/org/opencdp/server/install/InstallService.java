package org.opencdp.server.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.config.SecurityConfig;
import org.opencdp.server.migrate.MigrationReport;
import org.opencdp.server.migrate.MigrationService;
import org.opencdp.server.migrate.SchemaVersion;
import org.opencdp.server.role.Backends;
import org.opencdp.server.storage.DataContext;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.user.UserDao;
import org.opencdp.server.user.UserInput;
import org.opencdp.server.user.UserService;

/**
 * First installation through the API (private-api §5.1): the same idempotent bootstrap as the {@code migrate}
 * role, then the first admin. The admin check and insert run under a MySQL named lock, so two concurrent
 * installs can never create two admins.
 */
public final class InstallService {

    /** Why an install request is refused before anything runs. */
    public enum Refusal { TOKEN_NOT_CONFIGURED, TOKEN_INVALID }

    private final TracardiConfiguration config;
    private final Backends backends;
    private final UserDao users;
    private final UserService userService;
    private final ObjectMapper json;

    public InstallService(TracardiConfiguration config, Backends backends, UserDao users, UserService userService, ObjectMapper json) {
        this.config = config;
        this.backends = backends;
        this.users = users;
        this.userService = userService;
        this.json = json;
    }

    public InstallStatus status(Tenant tenant) {
        boolean schemaOk = new VersionDao(backends.mysql().jdbi(), json).find(tenant, SchemaVersion.COMPONENT)
                .map(row -> SchemaVersion.CURRENT.equals(row.schemaVersion())).orElse(false);
        boolean adminOk = schemaOk && users.adminExists(tenant);
        return new InstallStatus(schemaOk, adminOk, true, warning());
    }

    /** Checks the installation token in constant time; empty when it may be used. */
    public Optional<Refusal> checkToken(String token) {
        SecurityConfig security = config.security();
        if (!security.installationTokenUsable()) {
            return Optional.of(Refusal.TOKEN_NOT_CONFIGURED);
        }
        byte[] expected = security.installationToken().getBytes(StandardCharsets.UTF_8);
        byte[] given = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of(Refusal.TOKEN_INVALID);
    }

    /**
     * Migrates the tenant (both contexts) and, when asked and no admin exists yet, creates the admin with roles
     * admin and maintainer. The admin input is validated before anything changes.
     */
    public List<Map<String, Object>> install(Tenant tenant, boolean needsAdmin, UserInput admin) {
        MigrationReport report = new MigrationReport();
        MigrationService.ensureDatabase(config, report);
        new MigrationService(config, backends.mysql(), backends.elastic(), backends.queue().admin(), json, Clock.systemUTC())
                .migrate(Optional.of(tenant), report);
        boolean adminCreated = needsAdmin && createFirstAdmin(tenant, admin);
        List<Map<String, Object>> answer = new ArrayList<>();
        for (DataContext context : List.of(DataContext.STAGING, DataContext.PRODUCTION)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("context", context.production() ? "production" : "staging");
            entry.put("created", created(report, context));
            entry.put("admin", adminCreated);
            entry.put("plugins", Map.of("added", List.of(), "existing", List.of()));
            answer.add(entry);
        }
        return answer;
    }

    private boolean createFirstAdmin(Tenant tenant, UserInput admin) {
        String lock = "tracardi-first-admin-" + tenant.name();
        try (Handle handle = backends.mysql().jdbi().open()) {
            Integer got = handle.createQuery("SELECT GET_LOCK(:name, 30)").bind("name", lock).mapTo(Integer.class).one();
            if (got == null || got != 1) {
                throw new IllegalStateException("could not take the first-admin lock");
            }
            try {
                if (users.adminExists(tenant)) {
                    return false;
                }
                userService.create(tenant, new UserInput(admin.email(), admin.password(), admin.name(),
                        List.of(ApiRoles.ADMIN, ApiRoles.MAINTAINER), true, null));
                return true;
            } finally {
                handle.createQuery("SELECT RELEASE_LOCK(:name)").bind("name", lock).mapTo(Integer.class).findOne();
            }
        }
    }

    /** Sorts what the migration created into the groups the install answer reports. */
    private static Map<String, List<String>> created(MigrationReport report, DataContext context) {
        Map<String, List<String>> created = new LinkedHashMap<>();
        for (String group : List.of("templates", "indices", "aliases", "tables")) {
            created.put(group, new ArrayList<>());
        }
        for (MigrationReport.Entry entry : report.entries()) {
            if (entry.outcome() == MigrationReport.Outcome.UNCHANGED) {
                continue;
            }
            String object = entry.object();
            if ("mysql".equals(entry.store())) {
                if (context == DataContext.STAGING) {
                    created.get("tables").add(object);
                }
            } else if ("elasticsearch".equalsIgnoreCase(entry.store()) || "elastic".equalsIgnoreCase(entry.store())) {
                if (!object.contains("." + context.label() + ".") && !object.contains(context.label())) {
                    continue;
                }
                String group = object.contains("template") ? "templates" : object.contains("alias") ? "aliases" : "indices";
                created.get(group).add(object);
            }
        }
        return created;
    }

    private String warning() {
        SecurityConfig security = config.security();
        if (!security.installationTokenUsable()) {
            return "Installation token is not configured.";
        }
        if (SecurityConfig.DEFAULT_INSTALLATION_TOKEN.equals(security.installationToken())) {
            return "default installation token in use";
        }
        return null;
    }
}
