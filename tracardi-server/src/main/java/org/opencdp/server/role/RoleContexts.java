package org.opencdp.server.role;

import java.util.List;

/** Which contexts make up each role. */
public final class RoleContexts {

    private RoleContexts() {
    }

    public static List<RoleContext> of(Role role, Backends backends) {
        return switch (role) {
            case COLLECTOR -> List.of(new CollectorContext(backends));
            // The private role also serves collection (operations §1), e.g. for replays and tests.
            case PRIVATE -> List.of(new CollectorContext(backends), new PrivateApiContext(backends));
            case WORKER -> List.of(new WorkerContext(backends));
            case APM -> List.of(new ApmContext(backends));
            case TMS -> List.of(new TmsContext(backends.config()));
            case ALL_IN_ONE -> List.of(new CollectorContext(backends), new PrivateApiContext(backends),
                    new WorkerContext(backends), new ApmContext(backends));
            case MIGRATE -> List.of();
        };
    }
}
