package org.opencdp.server.event.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.DataIndex.TermCount;
import org.opencdp.server.storage.elastic.IndexKind;

/**
 * The dashboard aggregations over a tenant's events (private-api §3.4): bucket counts of one field as Tracardi's
 * aggregation list {@code [{"name": "<bucket>", "value": <count>}]}.
 */
public final class EventAggregations {

    /** The aggregation endpoints and the event field each counts. */
    public enum Dimension {
        TYPE("type"), TAG("tags.values"), STATUS("metadata.status"), SOURCE("source.id"),
        DEVICE_GEO("device.geo.country.name"), OS_NAME("os.name"), CHANNEL("metadata.channel"),
        RESOLUTION("device.resolution");

        private final String field;

        Dimension(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final DataIndex data;

    public EventAggregations(DataIndex data) {
        this.data = data;
    }

    /** The {@code size} most frequent values of the dimension, most frequent first. */
    public List<TermCount> buckets(TenantScope scope, Dimension dimension, int size) {
        return terms(scope, dimension.field(), size);
    }

    public List<TermCount> terms(TenantScope scope, String field, int size) {
        return data.termCounts(scope, IndexKind.EVENT, field, size);
    }

    /** Average of {@code metadata.time.process_time} over every event and how many events have it. */
    public ObjectNode averageProcessTime(TenantScope scope) {
        ObjectNode body = data.json().createObjectNode();
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("avg").putObject("avg").put("field", "metadata.time.process_time");
        aggs.putObject("records").putObject("value_count").put("field", "metadata.time.process_time");
        JsonNode aggregations = data.aggregations(scope, IndexKind.EVENT, body);
        ObjectNode answer = data.json().createObjectNode();
        JsonNode average = aggregations.path("avg").path("value");
        answer.put("avg", average.isNumber() ? average.asDouble() : 0.0);
        answer.put("records", aggregations.path("records").path("value").asLong(0));
        return answer;
    }
}
