package org.opencdp.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark suite rewrites only its own marked section of the results document. */
class ResultsDocumentTest {

    @TempDir
    Path folder;

    @Test
    void replacesOnlyTheNamedSectionAndKeepsTheProseAroundIt() throws Exception {
        Path file = folder.resolve("RESULTS.md");
        Files.writeString(file, "# Title\n<!-- results:start -->\nold collection\n<!-- results:end -->\nprose\n"
                + "## Workflows\n<!-- workflows:start -->\nold workflows\n<!-- workflows:end -->\nreading\n");
        ResultsDocument.write(file, "workflows", "new workflows\n", "# Title", "## Workflows\n\n");
        assertThat(Files.readString(file)).isEqualTo("# Title\n<!-- results:start -->\nold collection\n<!-- results:end -->\nprose\n"
                + "## Workflows\n<!-- workflows:start -->\nnew workflows\n<!-- workflows:end -->\nreading\n");
    }

    @Test
    void appendsTheHeadingAndTheMarkedSectionWhenTheMarkersAreMissing() throws Exception {
        Path file = folder.resolve("RESULTS.md");
        Files.writeString(file, "# Title\n");
        ResultsDocument.write(file, "workflows", "figures\n", "# Title", "## Workflows\n\n");
        assertThat(Files.readString(file))
                .isEqualTo("# Title\n\n## Workflows\n\n<!-- workflows:start -->\nfigures\n<!-- workflows:end -->\n");
    }

    @Test
    void createsTheDocumentUnderItsTitle() throws Exception {
        Path file = folder.resolve("sub").resolve("RESULTS.md");
        ResultsDocument.write(file, "results", "figures\n", "# Collection benchmark", "");
        assertThat(Files.readString(file)).isEqualTo("# Collection benchmark\n\n<!-- results:start -->\nfigures\n<!-- results:end -->\n");
    }
}
