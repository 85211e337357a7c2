package org.opencdp.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;

/**
 * The generic search of private-api §3.16 over one tenant's and context's data indices: a {@code where} filter,
 * optionally within a date range, as a list or as a date histogram.
 */
public final class SearchService {

    /** Page size of {@code /select/range/page/{page}}. */
    public static final int PAGE_SIZE = 25;
    static final int SELECT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;
    /** Elasticsearch's default {@code index.max_result_window}. */
    static final int MAX_WINDOW = 10_000;
    /** Histogram intervals from fine to coarse; the first giving at most {@link #MAX_BUCKETS} buckets is used. */
    private static final List<String> INTERVALS = List.of("1m", "5m", "15m", "30m", "1h", "3h", "6h", "12h", "1d", "7d",
            "30d", "365d");
    static final int MAX_BUCKETS = 120;
    static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.@-]{1,200}");

    /** A request body or parameter that cannot be used; {@code field} names it, or is null. */
    public static final class BadSearch extends Exception {
        private final String field;

        public BadSearch(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final DataIndex data;
    private final WhereFilter filters;
    private final Clock clock;

    public SearchService(DataIndex data, WhereFilter filters, Clock clock) {
        this.data = data;
        this.filters = filters;
        this.clock = clock;
    }

    /** {@code POST /{index}/select}: {@code {"where", "limit"}}, newest first. */
    public ListResult<ObjectNode> select(TenantScope scope, SearchableIndex index, JsonNode body) throws BadSearch {
        JsonNode fields = object(body);
        ObjectNode request = data.json().createObjectNode();
        request.put("size", integer(fields, "limit", SELECT_LIMIT, 0, MAX_LIMIT));
        request.set("query", where(fields));
        return run(scope, index, request);
    }

    /**
     * {@code POST /{index}/select/range[/page/{page}]}: the filter within {@code [minDate, maxDate]}, newest
     * first, from {@code start} (or page × 25) with {@code limit} (or 25) records.
     */
    public ListResult<ObjectNode> range(TenantScope scope, SearchableIndex index, JsonNode body, Integer page)
            throws BadSearch {
        JsonNode fields = object(body);
        int start = page == null ? integer(fields, "start", 0, 0, MAX_WINDOW) : page * PAGE_SIZE;
        int limit = page == null ? integer(fields, "limit", PAGE_SIZE, 0, MAX_LIMIT) : PAGE_SIZE;
        if (start + limit > MAX_WINDOW) {
            throw new BadSearch(page == null ? "start" : null, "Results beyond the first " + MAX_WINDOW + " cannot be paged to");
        }
        ObjectNode request = data.json().createObjectNode();
        request.put("from", start);
        request.put("size", limit);
        request.set("query", inRange(index, fields, bounds(fields)));
        return run(scope, index, request);
    }

    /**
     * {@code POST /{index}/select/histogram?group_by=}: counts per time bucket (and per value of
     * {@code group_by}) within the range: {@code {"total", "result": [{"time", "count", "group"?}], "interval"}}.
     */
    public ObjectNode histogram(TenantScope scope, SearchableIndex index, JsonNode body, String groupBy) throws BadSearch {
        JsonNode fields = object(body);
        Instant[] bounds = bounds(fields);
        String group = groupBy == null || groupBy.isBlank() ? null : groupBy.trim();
        if (group != null && !FIELD.matcher(group).matches()) {
            throw new BadSearch("group_by", "group_by must be a field path");
        }
        String interval = interval(Duration.between(bounds[0], bounds[1]));
        ObjectNode request = data.json().createObjectNode();
        request.set("query", inRange(index, fields, bounds));
        ObjectNode histogram = request.putObject("aggs").putObject("histogram");
        ObjectNode dates = histogram.putObject("date_histogram");
        dates.put("field", index.timeField()).put("fixed_interval", interval).put("min_doc_count", 0);
        dates.putObject("extended_bounds").put("min", bounds[0].toEpochMilli()).put("max", bounds[1].toEpochMilli());
        String zone = timeZone(fields);
        if (zone != null) {
            dates.put("time_zone", zone);
        }
        if (group != null) {
            histogram.putObject("aggs").putObject("group").putObject("terms").put("field", group).put("size", 10);
        }
        JsonNode aggregations = data.aggregations(scope, index.kind(), request);
        ObjectNode answer = data.json().createObjectNode();
        ArrayNode result = data.json().createArrayNode();
        long total = 0;
        for (JsonNode bucket : aggregations.path("histogram").path("buckets")) {
            String time = Times.format(Instant.ofEpochMilli(bucket.path("key").asLong()));
            long count = bucket.path("doc_count").asLong();
            total += count;
            if (group == null) {
                result.addObject().put("time", time).put("count", count);
            } else {
                for (JsonNode value : bucket.path("group").path("buckets")) {
                    result.addObject().put("time", time).put("count", value.path("doc_count").asLong())
                            .put("group", value.path("key_as_string").asText(value.path("key").asText()));
                }
            }
        }
        answer.put("total", total);
        answer.set("result", result);
        answer.put("interval", interval);
        return answer;
    }

    static String interval(Duration span) {
        for (String interval : INTERVALS) {
            if (span.dividedBy(duration(interval)) < MAX_BUCKETS) {
                return interval;
            }
        }
        return INTERVALS.get(INTERVALS.size() - 1);
    }

    static Duration duration(String interval) {
        long amount = Long.parseLong(interval.substring(0, interval.length() - 1));
        return switch (interval.charAt(interval.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private ListResult<ObjectNode> run(TenantScope scope, SearchableIndex index, ObjectNode request) {
        request.putArray("sort").addObject().putObject(index.timeField()).put("order", "desc").put("unmapped_type", "date");
        DataIndex.Page page = data.search(scope, index.kind(), request);
        List<ObjectNode> result = page.hits().stream().map(hit -> {
            ObjectNode copy = hit.source().deepCopy();
            copy.remove("internal");
            return copy;
        }).toList();
        return new ListResult<>(page.total(), result);
    }

    private ObjectNode inRange(SearchableIndex index, JsonNode fields, Instant[] bounds) throws BadSearch {
        ObjectNode query = data.json().createObjectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("range").putObject(index.timeField())
                .put("gte", Times.format(bounds[0])).put("lte", Times.format(bounds[1]));
        filter.add(where(fields));
        return query;
    }

    private Instant[] bounds(JsonNode fields) throws BadSearch {
        return SearchBody.bounds(fields, clock.instant());
    }

    private ObjectNode where(JsonNode fields) throws BadSearch {
        try {
            return filters.toQuery(SearchBody.where(fields));
        } catch (WhereFilter.InvalidFilter e) {
            throw new BadSearch("where", e.getMessage());
        }
    }

    private static String timeZone(JsonNode fields) {
        JsonNode zone = fields.get("timeZone");
        if (zone == null || !zone.isTextual() || zone.asText().isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(zone.asText().trim()).getId();
        } catch (RuntimeException e) {
            return null; // as in Tracardi, an unknown zone falls back to UTC
        }
    }

    private static JsonNode object(JsonNode body) throws BadSearch {
        return SearchBody.object(body);
    }

    private static int integer(JsonNode fields, String name, int fallback, int min, int max) throws BadSearch {
        return SearchBody.integer(fields, name, fallback, min, max);
    }
}
