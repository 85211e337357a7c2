package org.opencdp.server.search;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Translates the {@code where} filter of the search endpoints (private-api §3.16) — condition-language
 * operators on plain field paths — into an Elasticsearch query. A blank filter matches everything.
 */
public interface WhereFilter {

    /** The query object (e.g. {@code {"match_all": {}}}); throws {@link InvalidFilter} when the text does not parse. */
    ObjectNode toQuery(String where) throws InvalidFilter;

    /** A filter that does not parse; the API answers 422 with its message. */
    final class InvalidFilter extends Exception {
        public InvalidFilter(String message) {
            super(message);
        }
    }
}
