package org.opencdp.server.event.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.event.EventType;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.DataIndex.TermCount;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;

/** Reading, deleting and counting events for the management API (private-api §3.4). */
public final class EventService {

    /** The window of {@code /event/avg/requests}. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(5);

    private final DataIndex data;
    private final ProfileStore profiles;
    private final EventTypeNames typeNames;
    private final Clock clock;

    public EventService(DataIndex data, ProfileStore profiles, EventTypeNames typeNames, Clock clock) {
        this.data = data;
        this.profiles = profiles;
        this.typeNames = typeNames;
        this.clock = clock;
    }

    /** {@code {"event": {...}, "_metadata": {"id", "index"}}}, or empty. */
    public Optional<ObjectNode> find(TenantScope scope, String id) {
        return data.findById(scope, IndexKind.EVENT, id).map(hit -> {
            ObjectNode answer = data.json().createObjectNode();
            answer.set("event", shown(hit.source()));
            ObjectNode metadata = answer.putObject("_metadata");
            metadata.put("id", hit.id());
            metadata.put("index", hit.index());
            return answer;
        });
    }

    /** Deletes every stored copy of the event; how many there were (0 when none). */
    public int delete(TenantScope scope, String id) {
        return data.deleteById(scope, IndexKind.EVENT, id, Refresh.WAIT_FOR);
    }

    public long count(TenantScope scope) {
        return data.count(scope, IndexKind.EVENT, null);
    }

    /** Events per second received over the last five minutes (by {@code metadata.time.insert}). */
    public double requestsPerSecond(TenantScope scope) {
        ObjectNode query = data.json().createObjectNode();
        query.putObject("range").putObject("metadata.time.insert")
                .put("gte", Times.format(clock.instant().minus(RATE_WINDOW)));
        return data.count(scope, IndexKind.EVENT, query) / (double) RATE_WINDOW.toSeconds();
    }

    /**
     * The event types seen, most frequent first, as {@code {"name", "id"}} items: the name of the type's
     * metadata record, else the type's capitalised words.
     */
    public ListResult<Map<String, String>> types(TenantScope scope, EventAggregations aggregations, int limit) {
        Map<String, String> names = typeNames.all(scope);
        List<Map<String, String>> result = new ArrayList<>();
        for (TermCount bucket : aggregations.buckets(scope, EventAggregations.Dimension.TYPE, limit)) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("name", names.getOrDefault(bucket.name(), EventType.name(bucket.name())));
            item.put("id", bucket.name());
            result.add(item);
        }
        return ListResult.of(result);
    }

    /** A profile's events, newest first, matching every id the profile holds (merged ids included). */
    public ListResult<ObjectNode> ofProfile(TenantScope scope, String profileId, int start, int limit) {
        List<String> ids = new ArrayList<>(List.of(profileId));
        profiles.findByAnyId(scope, profileId).ifPresent(found -> {
            for (String id : ProfileDocument.of(found.document().deepCopy()).ids()) {
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        });
        ObjectNode body = data.json().createObjectNode();
        body.put("from", start);
        body.put("size", limit);
        ArrayNode values = body.putObject("query").putObject("terms").putArray("profile.id");
        ids.forEach(values::add);
        body.putArray("sort").addObject().putObject("metadata.time.insert").put("order", "desc");
        DataIndex.Page page = data.search(scope, IndexKind.EVENT, body);
        return new ListResult<>(page.total(), page.hits().stream().map(hit -> shown(hit.source())).toList());
    }

    public JsonNode refresh(TenantScope scope) {
        return data.refresh(scope, IndexKind.EVENT);
    }

    public JsonNode flush(TenantScope scope) {
        return data.flush(scope, IndexKind.EVENT);
    }

    static ObjectNode shown(ObjectNode stored) {
        ObjectNode copy = stored.deepCopy();
        copy.remove("internal");
        return copy;
    }
}
