package org.opencdp.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.function.Predicate;
import org.opencdp.server.condition.Condition;
import org.opencdp.server.condition.ConditionContext;
import org.opencdp.server.condition.ConditionException;
import org.opencdp.server.condition.Conditions;

/**
 * The {@code where} filter of the search endpoints evaluated in memory on entities (the configuration indices,
 * which are not in Elasticsearch): the condition language on plain field paths, as {@link ConditionWhereFilter}
 * translates it for Elasticsearch. Blank and the GUI's {@code undefined} match everything.
 */
final class DocumentFilter {

    private DocumentFilter() {
    }

    static Predicate<JsonNode> compile(String where, Clock clock) throws WhereFilter.InvalidFilter {
        if (where == null || where.isBlank() || where.trim().equals("undefined")) {
            return document -> true;
        }
        if (where.length() > ConditionWhereFilter.MAX_LENGTH) {
            throw new WhereFilter.InvalidFilter("The filter is longer than " + ConditionWhereFilter.MAX_LENGTH + " characters");
        }
        Condition condition;
        try {
            condition = Conditions.parseFilter(where);
        } catch (ConditionException e) {
            throw new WhereFilter.InvalidFilter(e.getMessage());
        }
        return document -> condition.matches(ConditionContext.builder().document(document).clock(clock).build());
    }
}
