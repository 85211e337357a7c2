package org.opencdp.server.workflow.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.TenantScope;

/** Reads the enabled rules ({@code workflow_trigger}) and deployed flows ({@code workflow}) the worker runs. */
public final class WorkflowDefinitionsDao {

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public WorkflowDefinitionsDao(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public List<Trigger> enabledTriggers(TenantScope scope) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, name, event_type_id, source_id, flow_id, data FROM workflow_trigger
                        WHERE tenant = :tenant AND production = :production AND enabled = TRUE""")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production())
                .map((rs, ctx) -> new Trigger(rs.getString("id"), rs.getString("name"), rs.getString("event_type_id"),
                        rs.getString("source_id"), rs.getString("flow_id"), consents(rs.getString("data"))))
                .list());
    }

    public Optional<DeployedFlow> deployed(TenantScope scope, String flowId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, name, data, row_version FROM workflow
                        WHERE tenant = :tenant AND production = :production AND id = :id""")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production()).bind("id", flowId)
                .map((rs, ctx) -> {
                    JsonNode data = parse(rs.getString("data"));
                    JsonNode production = data == null ? null : data.get("production");
                    return new DeployedFlow(rs.getString("id"), rs.getString("name"), rs.getLong("row_version"), production);
                })
                .findOne());
    }

    private List<String> consents(String data) {
        List<String> ids = new ArrayList<>();
        JsonNode rule = parse(data);
        if (rule != null) {
            for (JsonNode consent : rule.path("properties").path("consents")) {
                String id = consent.isObject() ? consent.path("id").asText("") : consent.asText("");
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private JsonNode parse(String data) {
        try {
            return data == null ? null : json.readTree(data);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
