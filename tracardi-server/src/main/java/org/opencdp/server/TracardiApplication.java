package org.opencdp.server;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import org.opencdp.server.config.ConfigLoader;
import org.opencdp.server.config.TracardiSubstitutor;
import org.opencdp.server.role.RoleCommand;

/**
 * The one application behind every role. Its {@link #run} does nothing on purpose: each role is built by
 * {@link RoleCommand} from its own contexts, so no role registers another role's endpoints.
 */
public class TracardiApplication extends Application<TracardiConfiguration> {

    public static void main(String[] args) throws Exception {
        new TracardiApplication().run(args);
        if (args.length >= 2 && "server".equals(args[0]) && "migrate".equals(args[1])) {
            // Migration is a one-shot job: exit even if a client library left a non-daemon thread behind.
            System.exit(0);
        }
    }

    @Override
    public String getName() {
        return "tracardi";
    }

    @Override
    public void initialize(Bootstrap<TracardiConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(ConfigLoader.sourceProvider(new TracardiSubstitutor()));
        // Config-only parsing rules (yes/no flags, bare-second durations) stay out of the API's JSON mapper.
        bootstrap.setConfigurationFactoryFactory((klass, validator, objectMapper, propertyPrefix) ->
                new YamlConfigurationFactory<>(klass, validator, ConfigLoader.configMapper(objectMapper), propertyPrefix));
    }

    @Override
    protected void addDefaultCommands(Bootstrap<TracardiConfiguration> bootstrap) {
        bootstrap.addCommand(new RoleCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void run(TracardiConfiguration configuration, Environment environment) {
        // Intentionally empty: see RoleCommand.
    }

}
