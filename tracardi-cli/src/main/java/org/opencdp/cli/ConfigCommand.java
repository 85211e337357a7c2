package org.opencdp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.config.ConfigLoader;
import org.opencdp.server.config.StartupValidator;
import org.opencdp.server.config.TracardiSubstitutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code config print} and {@code config validate}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Shows or checks a configuration file as the server would read it.",
        subcommands = {ConfigCommand.Print.class, ConfigCommand.Validate.class})
final class ConfigCommand {

    private static final Pattern SECRET = Pattern.compile("password|secret|token|apikey|salt", Pattern.CASE_INSENSITIVE);

    /** Prints the effective configuration with secrets masked. */
    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Prints the effective configuration (extends resolved, environment applied), secrets masked.",
            footer = {"", "Example:", "  TRACK_DEBUG=yes tracardi-cli config print --config config/all-in-one.yml"})
    static final class Print implements Callable<Integer> {
        @Mixin
        ConfigOptions config;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ConfigurationSourceProvider provider = ConfigLoader.sourceProvider(new TracardiSubstitutor());
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(SerializationFeature.INDENT_OUTPUT);
            JsonNode tree;
            try (InputStream in = provider.open(config.file)) {
                tree = yaml.readTree(in);
            }
            mask(tree);
            spec.commandLine().getOut().print(yaml.writeValueAsString(tree));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** Validates the file and the cross-key rules the server checks at start. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks the configuration as the server does at start-up; exits 1 and names each bad key.",
            footer = {"", "Example:", "  tracardi-cli config validate --config /etc/tracardi/config.yml"})
    static final class Validate implements Callable<Integer> {
        @Mixin
        ConfigOptions config;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TracardiConfiguration loaded;
            try {
                loaded = config.load();
            } catch (ConfigurationException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            List<String> problems = StartupValidator.problems(loaded, config.environment());
            if (!problems.isEmpty()) {
                problems.forEach(problem -> spec.commandLine().getErr().println("* " + problem));
                return 1;
            }
            spec.commandLine().getOut().println(config.file + ": OK");
            return 0;
        }
    }

    static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean secret = SECRET.matcher(field.getKey()).find() && field.getValue().isValueNode()
                        && !field.getValue().asText().isEmpty();
                if (secret && !field.getKey().toLowerCase(Locale.ROOT).contains("allow")) {
                    field.setValue(TextNode.valueOf("***"));
                } else if (field.getKey().equals("url") && field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(field.getValue().asText().replaceAll("//[^/@]*@", "//***@")));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ConfigCommand::mask);
        }
    }
}
