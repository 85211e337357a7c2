package org.opencdp.server.role;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.server.Server;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.common.http.HttpConventions;
import org.opencdp.server.config.StartupValidator;
import org.opencdp.server.migrate.MigrationException;
import org.opencdp.server.migrate.MigrationReport;
import org.opencdp.server.migrate.MigrationService;
import org.opencdp.server.storage.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tracardi server <role> <config.yml>}: builds only the contexts of one role, then serves them
 * (or, for {@code migrate}, migrates every store and returns). Replaces Dropwizard's own {@code server}
 * command, which would run one fixed application.
 */
public final class RoleCommand extends EnvironmentCommand<TracardiConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(RoleCommand.class);
    private static final String ROLE = "role";
    private static final String TENANT = "tenant";

    private final Role fixedRole;

    public RoleCommand(Application<TracardiConfiguration> application) {
        this(application, null);
    }

    /** A command bound to one role, for tests that start a role without command-line parsing. */
    public RoleCommand(Application<TracardiConfiguration> application, Role fixedRole) {
        super(application, "server", "Runs one role: " + Role.labels()
                + ". Example: tracardi server collector config/collector.yml");
        this.fixedRole = fixedRole;
    }

    @Override
    public void configure(Subparser subparser) {
        if (fixedRole == null) {
            subparser.addArgument(ROLE)
                    .choices(java.util.Arrays.stream(Role.values()).map(Role::label).toList())
                    .help("the role to run: " + Role.labels());
        }
        subparser.addArgument("--tenant").dest(TENANT).help("migrate: only this tenant (default: every active tenant)");
        super.configure(subparser);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, TracardiConfiguration config) throws Exception {
        Role role = fixedRole != null ? fixedRole : Role.parse(namespace.getString(ROLE));
        List<String> problems = StartupValidator.problems(config, System.getenv());
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        StartupValidator.warn(config, System.getenv(), StartupValidator.inContainer());
        Backends backends = new Backends(config, environment);
        if (role == Role.MIGRATE) {
            try (backends) {
                migrate(backends, environment, Optional.ofNullable(namespace.getString(TENANT)).map(Tenant::of));
            }
            return;
        }
        if (role == Role.ALL_IN_ONE && config.allInOne().migrateOnStart()) {
            migrate(backends, environment, Optional.empty());
        }
        Pipeline pipeline = new Pipeline(backends, environment);
        for (RoleContext context : RoleContexts.of(role, backends, pipeline)) {
            context.register(environment);
        }
        if (role.servesApplicationPort()) {
            HttpConventions.register(config.getServerFactory(), environment);
        } else {
            withoutApplicationPort(config, environment);
        }
        backends.awaitReady();
        startServer(config, environment, role);
    }

    private static void migrate(Backends backends, Environment environment, Optional<Tenant> tenant) throws Exception {
        MigrationReport report = new MigrationReport();
        awaitDatabaseServer(backends.config(), report);
        MigrationService service = new MigrationService(backends.config(), backends.mysql(), backends.elastic(),
                backends.queue().admin(), environment.getObjectMapper(), Clock.systemUTC());
        backends.awaitReady();
        System.out.println(service.migrate(tenant, report).summary());
    }

    /** The database may not exist yet, so the server itself is awaited before the pool is used. */
    private static void awaitDatabaseServer(TracardiConfiguration config, MigrationReport report) throws InterruptedException {
        int tries = config.startup().waitTries();
        for (int attempt = 1; ; attempt++) {
            try {
                MigrationService.ensureDatabase(config, report);
                return;
            } catch (MigrationException e) {
                if (attempt >= tries) {
                    throw e;
                }
                LOG.warn("waiting for MySQL (try {}/{}): {}", attempt, tries, e.getMessage());
                Thread.sleep(config.startup().waitInterval().toMillis());
            }
        }
    }

    private static void withoutApplicationPort(TracardiConfiguration config, Environment environment) {
        environment.jersey().disable();
        if (config.getServerFactory() instanceof DefaultServerFactory factory) {
            factory.setApplicationConnectors(List.of());
        }
    }

    private void startServer(TracardiConfiguration config, Environment environment, Role role) throws Exception {
        Server server = config.getServerFactory().build(environment);
        try {
            server.start();
            LOG.info("role {} started", role);
        } catch (Exception e) {
            LOG.error("role {} failed to start", role, e);
            server.stop();
            throw e;
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        if (error instanceof InvalidConfigurationException || error instanceof MigrationException
                || error instanceof IllegalStateException) {
            cli.getStdErr().println(error.getMessage());
        } else {
            super.onError(cli, namespace, error);
        }
    }
}
