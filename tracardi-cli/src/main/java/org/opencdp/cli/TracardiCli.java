package org.opencdp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tracardi-cli}: the operator's tool. Exit codes: 0 OK, 1 failure, 2 usage. Errors are printed
 * without stack traces unless {@code --verbose} is given.
 */
@Command(name = "tracardi-cli",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Administers a Tracardi-compatible CDP installation.",
        subcommands = {MigrateCommand.class, ConfigCommand.class, SourceCommand.class, UserCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  tracardi-cli migrate --config /etc/tracardi/config.yml",
                "  tracardi-cli config print --config config/all-in-one.yml",
                "  tracardi-cli source add --config config/all-in-one.yml --id web-shop --type rest",
                "  tracardi-cli user add --config config/all-in-one.yml --email ops@example.com --admin --password"})
public final class TracardiCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new TracardiCli());
        commandLine.setExecutionExceptionHandler((error, cmd, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--verbose"));
            if (verbose) {
                error.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("tracardi-cli: " + error.getMessage());
            }
            return 1;
        });
        return commandLine.execute(args);
    }
}
