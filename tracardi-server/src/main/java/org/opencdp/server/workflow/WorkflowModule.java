package org.opencdp.server.workflow;

import java.time.Clock;
import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.role.Pipeline;
import org.opencdp.server.workflow.debug.FlowDebugResource;
import org.opencdp.server.workflow.debug.FlowDebugService;

/** The private API's workflow runtime endpoints: {@code /flow/debug} and {@code /tql/validate}. */
public final class WorkflowModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        Pipeline pipeline = wiring.pipeline();
        return List.of(new org.opencdp.server.condition.api.TqlResource(), new FlowDebugResource(new FlowDebugService(pipeline.workflows(), pipeline.events(), pipeline.profiles(),
                pipeline.sessions(), pipeline.json(), Clock.systemUTC())));
    }
}
