package org.opencdp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TracardiCliTest {

    private static String helpOf(String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine commandLine = new CommandLine(new TracardiCli());
        commandLine.setOut(new java.io.PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        String[] args = new String[command.length + 1];
        System.arraycopy(command, 0, args, 0, command.length);
        args[command.length] = "--help";
        assertThat(commandLine.execute(args)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        assertThat(helpOf()).contains("migrate", "config", "Examples:");
        assertThat(helpOf("migrate")).contains("--config", "--tenant", "tracardi-cli migrate --config");
        assertThat(helpOf("config", "print")).contains("Example:", "config print");
        assertThat(helpOf("config", "validate")).contains("Example:", "config validate");
        assertThat(helpOf("source", "add")).contains("Example:", "--id", "--type");
        assertThat(helpOf("source", "list")).contains("Example:", "--context");
        for (String sub : new String[]{"add", "list", "disable", "reset-password", "grant-role"}) {
            assertThat(helpOf("user", sub)).contains("Example:", "tracardi-cli user " + sub);
        }
    }

    @Test
    void anUnknownRoleIsAUsageErrorBeforeAnyBackendIsTouched() {
        assertThat(TracardiCli.execute("user", "add", "--config", "does-not-exist.yml", "--email", "a@b.pl",
                "--role", "root", "--password", "x")).isEqualTo(2);
    }

    @Test
    void aMissingConfigOptionIsAUsageError() {
        assertThat(TracardiCli.execute("migrate")).isEqualTo(2);
    }

    @Test
    void secretsAreMaskedWhenPrinting() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode tree = json.readTree(
                "{\"mysql\":{\"password\":\"p\",\"url\":\"jdbc:mysql://u:p@h/db\"},\"security\":{\"secretKey\":\"k\","
                        + "\"allowDefaultInstallationToken\":\"no\"},\"redis\":{\"keyPrefix\":\"cdp\"}}");
        ConfigCommand.mask(tree);
        assertThat(tree.path("mysql").path("password").asText()).isEqualTo("***");
        assertThat(tree.path("mysql").path("url").asText()).isEqualTo("jdbc:mysql://***@h/db");
        assertThat(tree.path("security").path("secretKey").asText()).isEqualTo("***");
        assertThat(tree.path("security").path("allowDefaultInstallationToken").asText()).isEqualTo("no");
    }
}
