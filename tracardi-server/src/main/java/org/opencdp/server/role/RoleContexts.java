package org.opencdp.server.role;

import java.util.List;

/** Which contexts make up each role. */
public final class RoleContexts {

    private RoleContexts() {
    }

    public static List<RoleContext> of(Role role, Backends backends, Pipeline pipeline) {
        return switch (role) {
            case COLLECTOR -> List.of(new CollectorContext(backends, pipeline));
            // The private role also serves collection (operations §1), e.g. for replays and tests.
            case PRIVATE -> List.of(new CollectorContext(backends, pipeline), new PrivateApiContext(backends, pipeline));
            case WORKER -> List.of(new WorkerContext(backends, pipeline));
            case APM -> List.of(new ApmContext(backends, pipeline));
            case TMS -> List.of(new TmsContext(backends.config()));
            case ALL_IN_ONE -> List.of(new CollectorContext(backends, pipeline), new PrivateApiContext(backends, pipeline),
                    new WorkerContext(backends, pipeline), new ApmContext(backends, pipeline));
            case MIGRATE -> List.of();
        };
    }
}
