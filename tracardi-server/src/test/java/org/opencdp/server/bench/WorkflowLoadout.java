package org.opencdp.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.storage.TenantScope;

/**
 * The rules and deployed flows of the workflow benchmark, written straight into MySQL as the private API would
 * store them, then announced on the configuration bus so the worker's cached rule index and flows are dropped.
 *
 * <p>Flows: Tracardi's own flows from the shared fixtures, in turn (Start → Increase views → End; the same with
 * Update profile; the two override flows with Copy and Append trait), each under its own id. Rules: spread in
 * turn over the payload's event types and a few other types, every fifth one on another event source, and
 * pointing at the flows in runs of five, so an event of a payload type matches about a tenth of the rules,
 * nearly each with a different flow, and the index holds types and sources that never match.
 */
final class WorkflowLoadout {

    static final List<String> FIXTURES = List.of("flow_start_increase_views_end.json",
            "flow_e2e_start_increase_views_update_profile.json", "flow_override_1.json", "flow_override_2.json");
    static final List<String> OTHER_TYPES = List.of("identify", "add-to-cart", "checkout", "sign-up", "search", "logout");
    static final String OTHER_SOURCE = "app-source";
    static final String RULES_TABLE = "workflow_trigger";
    static final String FLOWS_TABLE = "workflow";

    record Flow(String id, String fixture, JsonNode definition) {
    }

    record Rule(String id, String name, String eventType, String sourceId, String flowId) {
    }

    private final List<Flow> flows;
    private final List<Rule> rules;
    private final List<String> types;

    private WorkflowLoadout(List<Flow> flows, List<Rule> rules, List<String> types) {
        this.flows = flows;
        this.rules = rules;
        this.types = types;
    }

    /**
     * @param fixtures the folder of Tracardi's fixtures ({@code TRACARDI_FIXTURES})
     * @param payloadTypes the event types the load sends
     */
    static WorkflowLoadout build(Path fixtures, int flowCount, int ruleCount, List<String> payloadTypes) throws IOException {
        List<Flow> flows = new ArrayList<>();
        for (int j = 0; j < flowCount; j++) {
            String fixture = FIXTURES.get(j % FIXTURES.size());
            String id = String.format(Locale.ROOT, "bench-flow-%02d", j);
            Path file = fixtures.resolve(fixture);
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("flow fixture " + file + " not found; set TRACARDI_FIXTURES to the folder "
                        + "of Tracardi's fixtures");
            }
            // The fixtures carry placeholders where Tracardi put the flow's id.
            String text = Files.readString(file).replace("{FLOW_ID}", id).replace("{FLOW_ID_1}", id).replace("{FLOW_ID_2}", id);
            ObjectNode definition = (ObjectNode) BenchStack.JSON.readTree(text);
            definition.put("id", id).put("name", definition.path("name").asText() + " #" + j);
            flows.add(new Flow(id, fixture, definition));
        }
        List<String> types = new ArrayList<>(payloadTypes);
        types.addAll(OTHER_TYPES);
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            String id = String.format(Locale.ROOT, "bench-rule-%03d", i);
            String source = i % 5 == 4 ? OTHER_SOURCE : BenchStack.SOURCE;
            rules.add(new Rule(id, id, types.get(i % types.size()), source, flows.get((i / 5) % flowCount).id()));
        }
        return new WorkflowLoadout(flows, rules, types);
    }

    List<Flow> flows() {
        return flows;
    }

    List<Rule> rules() {
        return rules;
    }

    /** The rules an event of this type from this source fires. */
    List<Rule> matching(String eventType, String sourceId) {
        return rules.stream().filter(r -> r.eventType().equals(eventType) && r.sourceId().equals(sourceId)).toList();
    }

    /** The distinct flows an event of this type from this source runs. */
    int distinctFlows(String eventType, String sourceId) {
        return new LinkedHashSet<>(matching(eventType, sourceId).stream().map(Rule::flowId).toList()).size();
    }

    /** Inserts every flow (deployed) and rule (enabled), then tells the configuration bus, one message per row. */
    void insert(Jdbi jdbi, TenantScope scope, ConfigChangePublisher bus) {
        jdbi.useTransaction(handle -> {
            for (Flow flow : flows) {
                ObjectNode record = BenchStack.JSON.createObjectNode().put("id", flow.id()).put("name", flow.definition().path("name").asText());
                record.set("draft", flow.definition());
                record.set("production", flow.definition());
                handle.createUpdate("""
                                INSERT INTO workflow (tenant, production, id, name, deployed, data)
                                VALUES (:tenant, :production, :id, :name, TRUE, :data)""")
                        .bind("tenant", scope.tenant().name()).bind("production", scope.production()).bind("id", flow.id())
                        .bind("name", record.path("name").asText()).bind("data", record.toString()).execute();
            }
            for (Rule rule : rules) {
                ObjectNode data = BenchStack.JSON.createObjectNode().put("id", rule.id()).put("name", rule.name()).put("enabled", true);
                data.putObject("event_type").put("id", rule.eventType());
                data.putObject("source").put("id", rule.sourceId());
                data.putObject("flow").put("id", rule.flowId());
                handle.createUpdate("""
                                INSERT INTO workflow_trigger (tenant, production, id, name, enabled, event_type_id, source_id, flow_id, data)
                                VALUES (:tenant, :production, :id, :name, TRUE, :type, :source, :flow, :data)""")
                        .bind("tenant", scope.tenant().name()).bind("production", scope.production()).bind("id", rule.id())
                        .bind("name", rule.name()).bind("type", rule.eventType()).bind("source", rule.sourceId())
                        .bind("flow", rule.flowId()).bind("data", data.toString()).execute();
            }
        });
        for (Flow flow : flows) {
            bus.changed(scope, FLOWS_TABLE, flow.id());
        }
        for (Rule rule : rules) {
            bus.changed(scope, RULES_TABLE, rule.id());
        }
    }

    /** Deletes every rule (the flows stay deployed), then tells the configuration bus, one message per row. */
    void removeRules(Jdbi jdbi, TenantScope scope, ConfigChangePublisher bus) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        DELETE FROM workflow_trigger WHERE tenant = :tenant AND production = :production AND id IN (<ids>)""")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production())
                .bindList("ids", rules.stream().map(Rule::id).toList()).execute());
        for (Rule rule : rules) {
            bus.changed(scope, RULES_TABLE, rule.id());
        }
    }

    /** One line for the report: how many rules and flows, and what an event of each payload type fires. */
    String describe(List<String> payloadTypes) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%d rules over %d event types (%s) and 2 sources (every fifth rule on `%s`, which the load does not use), "
                        + "%d deployed flows (%s, in turn)", rules.size(), types.size(), String.join(", ", types), OTHER_SOURCE,
                flows.size(), String.join(", ", FIXTURES)));
        for (String type : payloadTypes) {
            text.append(String.format(Locale.ROOT, "; a `%s` event fires %d rules running %d distinct flows", type,
                    matching(type, BenchStack.SOURCE).size(), distinctFlows(type, BenchStack.SOURCE)));
        }
        return text.toString();
    }
}
