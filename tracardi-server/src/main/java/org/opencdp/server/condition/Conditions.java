package org.opencdp.server.condition;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point of the condition language (workflows §9): parse once, evaluate many times.
 * <pre>{@code
 * Condition condition = Conditions.parse("profile@stats.visits > 10 AND event@type == \"sign-in\"");
 * Evaluation result = condition.evaluate(ConditionContext.builder().profile(profile).event(event).build());
 *
 * Optional<ConditionError> error = Conditions.validate(text);   // for /tql/validate and saving segments
 * }</pre>
 * Parsed conditions are cached by text (flows, segments and destinations repeat the same few conditions).
 * Search filters ({@code where}, plain field paths) have their own entry points and are translated for
 * Elasticsearch by {@link ElasticFilters}.
 */
public final class Conditions {

    /** Beyond this many distinct texts the cache starts over; it only exists to skip re-parsing hot conditions. */
    private static final int CACHE_LIMIT = 10_000;
    /** Longer texts are parsed every time rather than pinned in memory. */
    private static final int CACHEABLE_LENGTH = 4_096;

    private static final Map<String, Condition> DOT_NOTATION = new ConcurrentHashMap<>();
    private static final Map<String, Condition> PLAIN_FIELDS = new ConcurrentHashMap<>();

    private Conditions() {
    }

    /**
     * Parses a workflow condition ({@code profile@…}, {@code event@…} fields).
     *
     * @throws ConditionParseException naming what was expected, what was found and where
     */
    public static Condition parse(String text) {
        return parse(text, Syntax.DOT_NOTATION);
    }

    /**
     * Parses a search filter written on plain field paths ({@code type == "page-view"}).
     *
     * @throws ConditionParseException naming what was expected, what was found and where
     */
    public static Condition parseFilter(String text) {
        return parse(text, Syntax.PLAIN_FIELDS);
    }

    public static Condition parse(String text, Syntax syntax) {
        Map<String, Condition> cache = syntax == Syntax.DOT_NOTATION ? DOT_NOTATION : PLAIN_FIELDS;
        Condition cached = text == null ? null : cache.get(text);
        if (cached != null) {
            return cached;
        }
        Condition condition = new Condition(text, syntax, Parser.parse(text, syntax));
        if (text.length() <= CACHEABLE_LENGTH) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(text, condition);
        }
        return condition;
    }

    /** Why a workflow condition does not parse, or empty when it does (unknown functions included, D32). */
    public static Optional<ConditionError> validate(String text) {
        return validate(text, Syntax.DOT_NOTATION);
    }

    /** Why a search filter does not parse, or empty when it does. */
    public static Optional<ConditionError> validateFilter(String text) {
        return validate(text, Syntax.PLAIN_FIELDS);
    }

    public static Optional<ConditionError> validate(String text, Syntax syntax) {
        try {
            parse(text, syntax);
            return Optional.empty();
        } catch (ConditionParseException e) {
            return Optional.of(e.error());
        }
    }
}
