package org.opencdp.cli;

import org.opencdp.server.migrate.SchemaVersion;
import picocli.CommandLine.IVersionProvider;

/** Prints the build version and the schema version it migrates to. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TracardiCli.class.getPackage().getImplementationVersion();
        return new String[] {"tracardi-cli " + (version == null ? "development build" : version),
                "schema " + SchemaVersion.CURRENT};
    }
}
