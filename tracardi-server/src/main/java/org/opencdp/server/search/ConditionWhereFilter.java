package org.opencdp.server.search;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.opencdp.server.condition.ConditionException;
import org.opencdp.server.condition.ElasticFilters;

/**
 * The {@code where} filter in the condition language (workflows §9) on plain field paths, translated by
 * {@link ElasticFilters}. Tracardi's GUI sends the literal {@code undefined} for "no filter"; it matches
 * everything like an empty filter.
 */
public final class ConditionWhereFilter implements WhereFilter {

    /** Longer filters are not something a person typed. */
    static final int MAX_LENGTH = 10_000;

    private final Clock clock;

    public ConditionWhereFilter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ObjectNode toQuery(String where) throws InvalidFilter {
        if (where == null || where.isBlank() || where.trim().equals("undefined")) {
            ObjectNode all = JsonNodeFactory.instance.objectNode();
            all.putObject("match_all");
            return all;
        }
        if (where.length() > MAX_LENGTH) {
            throw new InvalidFilter("The filter is longer than " + MAX_LENGTH + " characters");
        }
        try {
            return ElasticFilters.toJson(where, clock);
        } catch (ConditionException e) {
            throw new InvalidFilter(e.getMessage());
        }
    }
}
