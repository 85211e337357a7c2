package org.opencdp.server.workflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.source.ConfigChange;
import org.opencdp.server.source.ConfigChangeBus;
import org.opencdp.server.storage.TenantScope;

/** The enabled conditional segments per tenant and context, cached until a {@code segment} row changes. */
public final class SegmentDefinitions implements ConfigChangeBus.Listener {

    static final String TABLE = "segment";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final java.util.function.BooleanSupplier subscribed;
    private final Map<TenantScope, List<SegmentRule>> cached = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public SegmentDefinitions(Jdbi jdbi, ObjectMapper json, ConfigChangeBus bus) {
        this.jdbi = jdbi;
        this.json = json;
        this.subscribed = bus::subscribed;
        bus.addListener(this);
    }

    public List<SegmentRule> enabled(TenantScope scope) {
        List<SegmentRule> hit = cached.get(scope);
        if (hit != null) {
            return hit;
        }
        long before = generation.get();
        List<SegmentRule> loaded = load(scope);
        if (subscribed.getAsBoolean() && generation.get() == before) {
            cached.put(scope, loaded);
        }
        return loaded;
    }

    private List<SegmentRule> load(TenantScope scope) {
        List<String> rows = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT data FROM segment WHERE tenant = :tenant AND production = :production AND enabled = TRUE""")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production()).mapTo(String.class).list());
        List<SegmentRule> segments = new ArrayList<>();
        for (String row : rows) {
            try {
                JsonNode data = json.readTree(row);
                String condition = data.path("condition").asText("");
                if (condition.isBlank()) {
                    continue;
                }
                List<String> types = new ArrayList<>();
                JsonNode eventType = data.path("eventType");
                if (eventType.isTextual() && !eventType.asText().isBlank()) {
                    types.add(eventType.asText());
                }
                eventType.forEach(type -> types.add(type.isObject() ? type.path("id").asText("") : type.asText("")));
                types.removeIf(String::isBlank);
                String slug = data.path("machine_name").asText("");
                segments.add(new SegmentRule(data.path("id").asText(""), slug.isBlank() ? SegmentRule.slugOf(data.path("name").asText("")) : slug,
                        types, condition));
            } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
                // A corrupt row cannot be evaluated; it is skipped rather than failing every batch.
            }
        }
        return List.copyOf(segments);
    }

    @Override
    public void changed(ConfigChange change) {
        generation.incrementAndGet();
        if (TABLE.equals(change.table())) {
            cached.remove(change.scope());
        }
    }

    @Override
    public void resynchronize() {
        generation.incrementAndGet();
        cached.clear();
    }
}
