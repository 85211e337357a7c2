package org.opencdp.server.common.http;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.errors.EarlyEofExceptionMapper;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;

/**
 * What every application port does alike: Tracardi's JSON error bodies instead of Dropwizard's, and the
 * {@code X-Process-Time} header.
 */
public final class HttpConventions {

    private HttpConventions() {
    }

    public static void register(ServerFactory serverFactory, Environment environment) {
        if (serverFactory instanceof AbstractServerFactory factory) {
            // Dropwizard's mappers answer {"code","message"} and 400 for bad JSON; clients expect {"detail"}.
            factory.setRegisterDefaultExceptionMappers(false);
        }
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new JsonParseExceptionMapper());
        environment.jersey().register(new EarlyEofExceptionMapper());
        environment.jersey().register(new UnexpectedExceptionMapper());
        // Jetty's own rejections (bad URIs, NUL bytes) answer JSON like everything else.
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
        environment.servlets().addFilter("process-time", new ProcessTimeFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
