package org.opencdp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jackson.Jackson;
import java.util.List;
import java.util.concurrent.Callable;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.source.ConfigChangeBus;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.DataContext;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.redis.RedisStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code source add} and {@code source list}: event sources without the GUI. */
@Command(name = "source", mixinStandardHelpOptions = true,
        description = "Creates and lists event sources (the ids clients send as source.id).",
        subcommands = {SourceCommand.Add.class, SourceCommand.ListSources.class})
final class SourceCommand {

    /** Where the sources live: tenant and context. */
    static final class Scope {
        @Option(names = "--tenant", paramLabel = "NAME", description = "tenant (default: tenancy.tenantName)")
        String tenant;
        @Option(names = "--context", paramLabel = "CTX",
                description = "production (what collectors read) or staging; default: the context the configuration's "
                        + "roles collect into (production when context.production is yes, else staging)")
        String context;

        TenantScope resolve(TracardiConfiguration config) {
            Tenant name = Tenant.of(tenant != null ? tenant : config.tenancy().tenantName());
            if (context == null) {
                return new TenantScope(name, DataContext.of(config.context().production()));
            }
            return new TenantScope(name, "staging".equalsIgnoreCase(context) ? DataContext.STAGING : DataContext.PRODUCTION);
        }
    }

    /** Creates or replaces a source; running collectors see it at once (their caches are told). */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Creates or replaces an event source.",
            footer = {"", "Example:", "  tracardi-cli source add --config config/all-in-one.yml --id web-shop --name 'Web shop' --type rest"})
    static final class Add implements Callable<Integer> {
        @Mixin
        ConfigOptions config;
        @Mixin
        Scope scope = new Scope();
        @Option(names = "--id", required = true, description = "the source id clients send")
        String id;
        @Option(names = "--name", description = "display name (default: the id)")
        String name;
        @Option(names = "--type", split = ",", defaultValue = "rest", description = "bridge types: rest, webhook, redirect; default ${DEFAULT-VALUE}")
        List<String> types;
        @Option(names = "--channel", defaultValue = "Web", description = "channel, e.g. Web, Mobile, Email; default ${DEFAULT-VALUE}")
        String channel;
        @Option(names = "--disabled", description = "create it disabled")
        boolean disabled;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TracardiConfiguration loaded = config.load();
            ObjectMapper json = Jackson.newObjectMapper();
            ObjectNode document = json.createObjectNode().put("id", id).put("name", name == null ? id : name)
                    .put("channel", channel).put("enabled", !disabled);
            document.set("type", json.valueToTree(types));
            EventSource source = EventSource.fromJson(document);
            if (!source.hasKnownType()) {
                spec.commandLine().getErr().println("--type must name at least one of " + EventSource.KNOWN_TYPES);
                return 2;
            }
            try (MysqlStore mysql = MysqlStore.connect(loaded.mysql(), new com.codahale.metrics.MetricRegistry(), "cli");
                 RedisStore redis = RedisStore.connect(loaded.redis())) {
                ConfigChangeBus changes = new ConfigChangeBus(redis.jedis(), loaded.redis(), "tracardi-cli");
                TenantScope target = scope.resolve(loaded);
                new EventSourceDao(mysql.jdbi(), json, changes).upsert(target, source);
                spec.commandLine().getOut().println("event source " + source.id() + " saved in " + target);
            }
            return 0;
        }
    }

    /** Lists the sources of a tenant and context. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists event sources.",
            footer = {"", "Example:", "  tracardi-cli source list --config config/all-in-one.yml --context staging"})
    static final class ListSources implements Callable<Integer> {
        @Mixin
        ConfigOptions config;
        @Mixin
        Scope scope = new Scope();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TracardiConfiguration loaded = config.load();
            try (MysqlStore mysql = MysqlStore.connect(loaded.mysql(), new com.codahale.metrics.MetricRegistry(), "cli")) {
                for (EventSource source : new EventSourceDao(mysql.jdbi(), Jackson.newObjectMapper(),
                        org.opencdp.server.source.ConfigChangePublisher.NONE).list(scope.resolve(loaded))) {
                    spec.commandLine().getOut().printf("%-40s %-20s %-8s %s%n", source.id(), String.join(",", source.type()),
                            source.enabled() ? "enabled" : "disabled", source.name());
                }
            }
            return 0;
        }
    }
}
