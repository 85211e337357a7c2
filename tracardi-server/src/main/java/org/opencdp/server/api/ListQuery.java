package org.opencdp.server.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.ListResult;

/**
 * The list conventions of private-api §1.2: {@code ?query=} (case-insensitive substring of the name or of a
 * group value), {@code ?start=} (default 0) and {@code ?limit=} (default 100, at most 1000), and grouping where
 * a list-valued field puts the item under each value and an empty one under a fallback group.
 */
public record ListQuery(String query, int start, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public ListQuery {
        query = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        start = Math.max(0, start);
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }

    public static ListQuery of(String query, Integer start, Integer limit) {
        return new ListQuery(query, start == null ? 0 : start, limit == null ? DEFAULT_LIMIT : limit);
    }

    public static ListQuery all() {
        return new ListQuery("", 0, MAX_LIMIT);
    }

    /** Whether an item with this name and these group values passes {@code ?query=}. */
    public boolean matches(String name, Collection<String> groups) {
        if (query.isEmpty()) {
            return true;
        }
        if (name != null && name.toLowerCase(Locale.ROOT).contains(query)) {
            return true;
        }
        return groups.stream().anyMatch(group -> group != null && group.toLowerCase(Locale.ROOT).contains(query));
    }

    /** Filters by {@code ?query=} on the name, then pages. */
    public <T> ListResult<T> flat(List<T> items, Function<T, String> name) {
        List<T> matching = items.stream().filter(item -> matches(name.apply(item), List.of())).toList();
        return new ListResult<>(matching.size(), page(matching));
    }

    /**
     * Groups the items: each goes under every value of {@code groups}, or under {@code fallback} when it has
     * none. Groups are sorted by name and their items by {@code name}. {@code total} counts distinct items.
     */
    public <T> GroupedResult<T> grouped(List<T> items, Function<T, String> name, Function<T, List<String>> groups,
                                        String fallback) {
        Map<String, List<T>> grouped = new TreeMap<>();
        List<T> matching = new ArrayList<>();
        for (T item : items) {
            List<String> values = groups.apply(item);
            List<String> keys = values == null || values.stream().allMatch(v -> v == null || v.isBlank())
                    ? List.of(fallback) : values.stream().filter(v -> v != null && !v.isBlank()).distinct().toList();
            if (!matches(name.apply(item), keys)) {
                continue;
            }
            matching.add(item);
            keys.forEach(key -> grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(item));
        }
        Comparator<T> byName = Comparator.comparing(item -> String.valueOf(name.apply(item)));
        grouped.values().forEach(list -> list.sort(byName));
        return new GroupedResult<>(matching.size(), grouped);
    }

    public <T> List<T> page(List<T> items) {
        if (start >= items.size()) {
            return List.of();
        }
        return List.copyOf(items.subList(start, Math.min(items.size(), start + limit)));
    }
}
