package org.opencdp.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.IOException;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.opencdp.server.TracardiConfiguration;

/**
 * Reads a configuration file exactly as the server does (extends, placeholders, config-only parsing
 * rules, validation) for the admin CLI and for tests that supply their own environment.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** The source provider used by the server: layered files, then placeholders from {@code substitutor}. */
    public static ConfigurationSourceProvider sourceProvider(StringSubstitutor substitutor) {
        return new SubstitutingSourceProvider(new LayeredConfigurationSourceProvider(), substitutor);
    }

    /** The mapper used for configuration only. */
    public static ObjectMapper configMapper(ObjectMapper base) {
        return base.copy().registerModule(new ConfigModule());
    }

    public static TracardiConfiguration load(String path, Map<String, String> environment)
            throws IOException, ConfigurationException {
        YamlConfigurationFactory<TracardiConfiguration> factory = new YamlConfigurationFactory<>(
                TracardiConfiguration.class, Validators.newValidator(), configMapper(Jackson.newObjectMapper()), "dw");
        return factory.build(sourceProvider(TracardiSubstitutor.of(environment)), path);
    }
}
