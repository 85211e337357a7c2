package org.opencdp.server.workflow.lookup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.workflow.plugin.EventHistory;

/** Get previous event on Elasticsearch: the stored events of a type, newest insert time first. */
public final class ElasticEventHistory implements EventHistory {

    private final DataIndex data;

    public ElasticEventHistory(DataIndex data) {
        this.data = data;
    }

    @Override
    public Optional<ObjectNode> nthLast(TenantScope scope, String profileId, String eventType, int n, String currentEventId) {
        LookupScopes.require(scope);
        if (n < 1 || eventType == null || eventType.isBlank()) {
            return Optional.empty();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("from", n - 1);
        body.put("size", 1);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("term").put("type", eventType);
        if (profileId != null) {
            filter.addObject().putObject("term").put("profile.id", profileId);
        }
        if (currentEventId != null) {
            bool.putArray("must_not").addObject().putObject("ids").putArray("values").add(currentEventId);
        }
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("metadata.time.insert").put("order", "desc").put("unmapped_type", "date");
        sort.addObject().putObject("id").put("order", "desc").put("unmapped_type", "keyword");
        return data.search(scope, IndexKind.EVENT, body).hits().stream().findFirst().map(hit -> hit.source().deepCopy());
    }
}
