package org.opencdp.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Tracardi's own flow JSON (test resources {@code tracardi-flows/}), for the workflow tests and benchmark. */
public final class TracardiFlows {

    private TracardiFlows() {
    }

    /** The text of one flow file, e.g. {@code flow_start_increase_views_end.json}. */
    public static String read(String name) throws IOException {
        try (InputStream in = TracardiFlows.class.getResourceAsStream("/tracardi-flows/" + name)) {
            if (in == null) {
                throw new IOException("no flow fixture " + name + " in the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The folder holding the copies (a directory on the test classpath). */
    public static Path folder() {
        try {
            return Path.of(TracardiFlows.class.getResource("/tracardi-flows").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
