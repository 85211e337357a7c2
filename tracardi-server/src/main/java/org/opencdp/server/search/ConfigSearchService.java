package org.opencdp.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.search.SearchService.BadSearch;
import org.opencdp.server.storage.TenantScope;

/**
 * {@code /select}, {@code /select/range[/page/{page}]} and {@code /select/histogram} (private-api §3.16) over the
 * configuration indices ({@code resource}, {@code rule}, {@code segment}, {@code flow}), which live in MySQL: the
 * rows of the tenant and context are read newest first (the date range applies to when each was created), the
 * {@code where} filter is evaluated on each entity, and the requested window of the matches is answered with their
 * count.
 */
public final class ConfigSearchService {

    private final ConfigRows rows;
    private final Clock clock;

    ConfigSearchService(ConfigRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /** {@code {"where", "limit"}}: the first {@code limit} (20) matches, newest first. */
    public ListResult<ObjectNode> select(TenantScope scope, ConfigIndex index, JsonNode body) throws BadSearch {
        JsonNode fields = SearchBody.object(body);
        int limit = SearchBody.integer(fields, "limit", SearchService.SELECT_LIMIT, 0, SearchService.MAX_LIMIT);
        Predicate<JsonNode> filter = filter(fields);
        return window(rows.newestFirst(scope, index, null, null), index, filter, 0, limit);
    }

    /** {@code {minDate, maxDate, where, start, limit}}, or page × 25 with 25 records when {@code page} is given. */
    public ListResult<ObjectNode> range(TenantScope scope, ConfigIndex index, JsonNode body, Integer page) throws BadSearch {
        JsonNode fields = SearchBody.object(body);
        int start = page == null ? SearchBody.integer(fields, "start", 0, 0, SearchService.MAX_WINDOW) : page * SearchService.PAGE_SIZE;
        int limit = page == null ? SearchBody.integer(fields, "limit", SearchService.PAGE_SIZE, 0, SearchService.MAX_LIMIT)
                : SearchService.PAGE_SIZE;
        Instant[] bounds = SearchBody.bounds(fields, clock.instant());
        Predicate<JsonNode> filter = filter(fields);
        return window(rows.newestFirst(scope, index, bounds[0], bounds[1]), index, filter, start, limit);
    }

    /**
     * {@code ?group_by=}: the matches per time bucket of the range (by when each was created), as
     * {@code {"total", "result": [{"time", "count", "group"?}], "interval"}}.
     */
    public ObjectNode histogram(TenantScope scope, ConfigIndex index, JsonNode body, String groupBy) throws BadSearch {
        JsonNode fields = SearchBody.object(body);
        Instant[] bounds = SearchBody.bounds(fields, clock.instant());
        String group = groupBy == null || groupBy.isBlank() ? null : groupBy.trim();
        if (group != null && !SearchService.FIELD.matcher(group).matches()) {
            throw new BadSearch("group_by", "group_by must be a field path");
        }
        Predicate<JsonNode> filter = filter(fields);
        String interval = SearchService.interval(Duration.between(bounds[0], bounds[1]));
        return ConfigHistogram.count(rows.newestFirst(scope, index, bounds[0], bounds[1]), index, filter, bounds[0], bounds[1],
                interval, group);
    }

    private Predicate<JsonNode> filter(JsonNode fields) throws BadSearch {
        try {
            return DocumentFilter.compile(SearchBody.where(fields), clock);
        } catch (WhereFilter.InvalidFilter e) {
            throw new BadSearch("where", e.getMessage());
        }
    }

    /** Counts every match and keeps those from {@code start} on, at most {@code limit}. */
    static ListResult<ObjectNode> window(List<ConfigRows.Row> candidates, ConfigIndex index, Predicate<JsonNode> filter,
                                         int start, int limit) {
        List<ObjectNode> result = new ArrayList<>();
        long total = 0;
        for (ConfigRows.Row row : candidates) {
            ObjectNode entity = index.searchable(row.data());
            if (!filter.test(entity)) {
                continue;
            }
            if (total >= start && result.size() < limit) {
                result.add(entity);
            }
            total++;
        }
        return new ListResult<>(total, result);
    }
}
