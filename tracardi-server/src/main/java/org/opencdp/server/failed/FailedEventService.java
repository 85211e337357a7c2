package org.opencdp.server.failed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.Refresh;

/** Lists, reads and replays the failed-events store of a tenant and context (private-api §3.17). */
public final class FailedEventService {

    /** A listing filter: stage, time window ({@code null} for open ends), paging. */
    public record Filter(String stage, Instant from, Instant to, int start, int limit) {
    }

    private final DataIndex data;
    private final FailedEventReplayer replayer;
    private final Clock clock;

    public FailedEventService(DataIndex data, FailedEventReplayer replayer, Clock clock) {
        this.data = data;
        this.replayer = replayer;
        this.clock = clock;
    }

    /** Newest failures first. */
    public ListResult<ObjectNode> list(TenantScope scope, Filter filter) {
        ObjectNode body = data.json().createObjectNode();
        body.put("from", filter.start());
        body.put("size", filter.limit());
        ArrayNode conditions = body.putObject("query").putObject("bool").putArray("filter");
        if (filter.stage() != null) {
            conditions.addObject().putObject("term").put("stage", filter.stage());
        }
        if (filter.from() != null || filter.to() != null) {
            ObjectNode range = conditions.addObject().putObject("range").putObject("time");
            if (filter.from() != null) {
                range.put("gte", Times.format(filter.from()));
            }
            if (filter.to() != null) {
                range.put("lte", Times.format(filter.to()));
            }
        }
        body.putArray("sort").addObject().putObject("time").put("order", "desc").put("unmapped_type", "date");
        DataIndex.Page page = data.search(scope, IndexKind.FAILED_EVENT, body);
        List<ObjectNode> records = page.hits().stream().map(DataIndex.Hit::source).toList();
        return new ListResult<>(page.total(), records);
    }

    public Optional<ObjectNode> find(TenantScope scope, String id) {
        return data.findById(scope, IndexKind.FAILED_EVENT, id).map(DataIndex.Hit::source);
    }

    /**
     * Replays the record and marks it {@code replayed_at}; the batch id, or empty when there is no such record.
     */
    public Optional<String> replay(TenantScope scope, String id) throws FailedEventReplayer.NotReplayable {
        Optional<DataIndex.Hit> hit = data.findById(scope, IndexKind.FAILED_EVENT, id);
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        String batchId = replayer.replay(scope, hit.get().source());
        ObjectNode marked = hit.get().source().deepCopy();
        marked.put("replayed_at", Times.format(clock.instant()));
        data.rewrite(hit.get(), marked, Refresh.WAIT_FOR);
        return Optional.of(batchId);
    }
}
