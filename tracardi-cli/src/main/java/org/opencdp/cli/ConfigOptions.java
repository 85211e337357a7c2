package org.opencdp.cli;

import java.util.Map;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.config.ConfigLoader;
import picocli.CommandLine.Option;

/** The configuration file option shared by every command that talks to the stores. */
final class ConfigOptions {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "the server's configuration file, e.g. /etc/tracardi/config.yml")
    String file;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    TracardiConfiguration load() throws Exception {
        return ConfigLoader.load(file, System.getenv());
    }

    Map<String, String> environment() {
        return System.getenv();
    }
}
