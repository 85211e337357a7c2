package org.opencdp.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.opencdp.server.common.time.Times;

/**
 * The {@code /select/histogram} answer for configuration entities, counted in memory the way Elasticsearch's
 * date histogram counts the data indices: fixed buckets aligned on the epoch (UTC) from the first to the last
 * bucket of the range, empty ones included, and with {@code group_by} the ten most frequent values per bucket.
 */
final class ConfigHistogram {

    static final int GROUPS_PER_BUCKET = 10;

    private ConfigHistogram() {
    }

    /**
     * @param group a plain field path of the entity, or null for plain counts
     */
    static ObjectNode count(List<ConfigRows.Row> rows, ConfigIndex index, Predicate<JsonNode> filter, Instant from,
                            Instant to, String interval, String group) {
        long width = SearchService.duration(interval).toMillis();
        TreeMap<Long, Map<String, Long>> buckets = new TreeMap<>();
        for (long start = floor(from.toEpochMilli(), width); start <= to.toEpochMilli(); start += width) {
            buckets.put(start, new LinkedHashMap<>());
        }
        long total = 0;
        for (ConfigRows.Row row : rows) {
            ObjectNode entity = index.searchable(row.data());
            if (!filter.test(entity)) {
                continue;
            }
            Map<String, Long> counts = buckets.computeIfAbsent(floor(row.created().toEpochMilli(), width), key -> new LinkedHashMap<>());
            total++;
            for (String value : group == null ? List.of("") : values(entity, group)) {
                counts.merge(value, 1L, Long::sum);
            }
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<Long, Map<String, Long>> bucket : buckets.entrySet()) {
            String time = Times.format(Instant.ofEpochMilli(bucket.getKey()));
            if (group == null) {
                result.addObject().put("time", time).put("count", bucket.getValue().getOrDefault("", 0L));
                continue;
            }
            bucket.getValue().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(GROUPS_PER_BUCKET)
                    .forEach(value -> result.addObject().put("time", time).put("count", value.getValue()).put("group", value.getKey()));
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("total", total);
        answer.set("result", result);
        answer.put("interval", interval);
        return answer;
    }

    private static long floor(long millis, long width) {
        return Math.floorDiv(millis, width) * width;
    }

    /** The values at a dot path as texts: each element of a list, nothing for a missing value or an object. */
    static List<String> values(JsonNode entity, String path) {
        JsonNode node = entity;
        for (String segment : path.split("\\.")) {
            node = node.path(segment);
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> {
                if (item.isValueNode() && !item.isNull()) {
                    values.add(item.asText());
                }
            });
        } else if (node.isValueNode() && !node.isNull()) {
            values.add(node.asText());
        }
        return values;
    }
}
