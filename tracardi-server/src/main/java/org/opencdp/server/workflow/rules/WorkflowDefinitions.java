package org.opencdp.server.workflow.rules;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.opencdp.server.source.ConfigChange;
import org.opencdp.server.source.ConfigChangeBus;
import org.opencdp.server.storage.TenantScope;

/**
 * The worker's cached view of rules and deployed flows per tenant and context. A change to {@code workflow} or
 * {@code workflow_trigger} anywhere drops that scope's entries (read-your-writes through the configuration bus);
 * while the bus is not subscribed nothing is cached.
 */
public final class WorkflowDefinitions implements ConfigChangeBus.Listener {

    static final String RULES_TABLE = "workflow_trigger";
    static final String FLOWS_TABLE = "workflow";

    private record FlowKey(TenantScope scope, String id) {
    }

    private final WorkflowDefinitionsDao dao;
    private final BooleanSupplier subscribed;
    private final Map<TenantScope, TriggerIndex> indexes = new ConcurrentHashMap<>();
    private final Map<FlowKey, Optional<DeployedFlow>> flows = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public WorkflowDefinitions(WorkflowDefinitionsDao dao, ConfigChangeBus bus) {
        this(dao, bus::subscribed);
        bus.addListener(this);
    }

    WorkflowDefinitions(WorkflowDefinitionsDao dao, BooleanSupplier subscribed) {
        this.dao = dao;
        this.subscribed = subscribed;
    }

    public TriggerIndex triggers(TenantScope scope) {
        TriggerIndex cached = indexes.get(scope);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        TriggerIndex loaded = new TriggerIndex(dao.enabledTriggers(scope));
        // Keep what was read only if no invalidation happened meanwhile, or a stale index could stick.
        if (subscribed.getAsBoolean() && generation.get() == before) {
            indexes.put(scope, loaded);
        }
        return loaded;
    }

    public Optional<DeployedFlow> deployed(TenantScope scope, String flowId) {
        FlowKey key = new FlowKey(scope, flowId);
        Optional<DeployedFlow> cached = flows.get(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Optional<DeployedFlow> loaded = dao.deployed(scope, flowId);
        if (subscribed.getAsBoolean() && generation.get() == before) {
            flows.put(key, loaded);
        }
        return loaded;
    }

    @Override
    public void changed(ConfigChange change) {
        generation.incrementAndGet();
        if (RULES_TABLE.equals(change.table())) {
            indexes.remove(change.scope());
        } else if (FLOWS_TABLE.equals(change.table())) {
            flows.keySet().removeIf(key -> key.scope().equals(change.scope()));
            // A deleted flow also deletes its rules.
            indexes.remove(change.scope());
        }
    }

    @Override
    public void resynchronize() {
        generation.incrementAndGet();
        indexes.clear();
        flows.clear();
    }
}
