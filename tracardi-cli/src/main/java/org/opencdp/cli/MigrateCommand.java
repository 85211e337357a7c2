package org.opencdp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opencdp.server.TracardiApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the {@code migrate} role: the same code path and output as {@code tracardi server migrate}. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Creates or upgrades every store (MySQL schema, Elasticsearch templates and indices, "
                + "Pulsar topics) for the installed tenants. Safe to run twice or concurrently.",
        footer = {"", "Examples:", "  tracardi-cli migrate --config /etc/tracardi/config.yml",
                "  tracardi-cli migrate --config config/migrate.yml --tenant acme"})
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--tenant", paramLabel = "NAME", description = "migrate only this tenant")
    String tenant;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("server", "migrate", config.file));
        if (tenant != null) {
            args.add("--tenant");
            args.add(tenant);
        }
        // Dropwizard's Cli exits the JVM with 1 on failure; on success it returns here.
        new TracardiApplication().run(args.toArray(String[]::new));
        return 0;
    }
}
