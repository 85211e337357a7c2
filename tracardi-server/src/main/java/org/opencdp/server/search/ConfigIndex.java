package org.opencdp.server.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import org.opencdp.server.flow.FlowRecords;
import org.opencdp.server.resource.ResourceService;
import org.opencdp.server.rule.RuleService;
import org.opencdp.server.segment.SegmentResource;

/**
 * The {@code {index}} names of the search endpoints (private-api §3.16) whose entities are MySQL configuration
 * tables here: they are searched by reading the table and evaluating the {@code where} filter on each entity.
 */
public enum ConfigIndex {
    RESOURCE(ResourceService.SPEC.table()),
    RULE(RuleService.SPEC.table()),
    SEGMENT(SegmentResource.SPEC.table()),
    FLOW(FlowRecords.TABLE);

    private final String table;

    ConfigIndex(String table) {
        this.table = table;
    }

    /** The MySQL table, a constant of the code (never from the request). */
    public String table() {
        return table;
    }

    public static Optional<ConfigIndex> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "resource" -> Optional.of(RESOURCE);
            case "rule" -> Optional.of(RULE);
            case "segment" -> Optional.of(SEGMENT);
            case "flow" -> Optional.of(FLOW);
            default -> Optional.empty();
        };
    }

    /**
     * What a search may show and filter on: resources without their credentials (searching is open to every
     * role, credentials only to admins and developers) and flows without their graphs, like the flow list.
     */
    public ObjectNode searchable(ObjectNode stored) {
        ObjectNode copy = stored.deepCopy();
        switch (this) {
            case RESOURCE -> copy.remove("credentials");
            case FLOW -> copy.remove(java.util.List.of("draft", "production", "backup"));
            default -> { }
        }
        return copy;
    }
}
