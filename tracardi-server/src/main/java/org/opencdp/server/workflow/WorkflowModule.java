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
        var pluginTable = new org.opencdp.server.storage.mysql.ConfigTable<>(wiring.backends().mysql().jdbi(), wiring.json(),
                pipeline.configChanges(), org.opencdp.server.flow.PluginResource.SPEC);
        var seeder = new PluginRegistrySeeder(pipeline.workflows().plugins(), pluginTable, pipeline.clock());
        return List.of(new org.opencdp.server.condition.api.TqlResource(), new InstallPluginsResource(seeder), new FlowDebugResource(new FlowDebugService(debugEngine(pipeline),
                pipeline.events(), pipeline.profiles(), pipeline.sessions(), pipeline.json(), Clock.systemUTC())));
    }

    /**
     * Debug runs persist nothing, Redis memory included: they get an engine whose plugin memory lives in the JVM. The
     * store lookups only read, so they are the real ones.
     */
    private static WorkflowEngine debugEngine(Pipeline pipeline) {
        return WorkflowEngine.builtin(pipeline.clock(), new org.opencdp.server.workflow.plugin.InMemoryPluginMemory(pipeline.clock()),
                pipeline.config().workflow(), pipeline.workflowLookups());
    }
}
