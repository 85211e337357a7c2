package org.opencdp.server.condition;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.time.Clock;

/**
 * Translates the {@code where} filter of the private API's search endpoints (private-api §3.16) into an
 * Elasticsearch query. A filter is a condition on plain field paths ({@code type == "page-view" AND
 * metadata.time.insert > "2024-01-01"}):
 * <table>
 *   <caption>Translation</caption>
 *   <tr><td>{@code =}, {@code ==}</td><td>{@code term}; a {@code [list]} gives {@code terms}; {@code NULL} gives "no value"</td></tr>
 *   <tr><td>{@code !=}</td><td>{@code bool.must_not} of the above (documents without the field match)</td></tr>
 *   <tr><td>{@code < <= > >=}, {@code BETWEEN}</td><td>{@code range} ({@code BETWEEN} is inclusive)</td></tr>
 *   <tr><td>{@code EXISTS}, {@code IS NOT NULL}</td><td>{@code exists}</td></tr>
 *   <tr><td>{@code NOT EXISTS}, {@code IS NULL}</td><td>{@code bool.must_not exists}</td></tr>
 *   <tr><td>{@code EMPTY}</td><td>no value, or the empty string</td></tr>
 *   <tr><td>{@code CONTAINS}</td><td>{@code wildcard *text*} for a string (which also finds a list element containing it),
 *       {@code term} for a number or boolean</td></tr>
 *   <tr><td>{@code STARTS WITH}, {@code ENDS WITH}</td><td>{@code prefix}, {@code wildcard *text}</td></tr>
 *   <tr><td>{@code AND}, {@code OR}, {@code NOT}</td><td>{@code bool} {@code filter}, {@code should}, {@code must_not}</td></tr>
 * </table>
 * Functions with constant arguments on the right are computed first ({@code now.offset("-7d")} becomes a datetime
 * string). An empty filter matches everything. Elasticsearch indexes no {@code null}, so {@code EXISTS} is false
 * for a field whose value is null (in a workflow condition it is true).
 * <p>A filter that does not parse throws {@link ConditionParseException}; one that parses but cannot be expressed
 * (a function of a field, two fields compared, an ordering against a list…) throws
 * {@link FilterTranslationException}. Both are {@link ConditionException}s, which callers answer with 422.
 */
public final class ElasticFilters {

    private ElasticFilters() {
    }

    /** The query as a JSON tree (the value of a search body's {@code "query"}), computing {@code now()} with the UTC clock. */
    public static ObjectNode toJson(String where) {
        return toJson(where, Clock.systemUTC());
    }

    public static ObjectNode toJson(String where, Clock clock) {
        if (where == null || where.isBlank()) {
            ObjectNode query = JsonNodeFactory.instance.objectNode();
            query.putObject("match_all");
            return query;
        }
        return toJson(Conditions.parseFilter(where), clock);
    }

    /** Translates an already parsed filter; it must have been parsed with {@link Syntax#PLAIN_FIELDS}. */
    public static ObjectNode toJson(Condition filter, Clock clock) {
        if (filter.syntax() != Syntax.PLAIN_FIELDS) {
            throw new IllegalArgumentException("Only conditions parsed with Conditions.parseFilter can become search filters");
        }
        return new ElasticQueryTranslator(filter.text(), clock.instant()).translate(filter.root());
    }

    /** The query as the typed client's {@link Query}. */
    public static Query toQuery(String where) {
        return toQuery(where, Clock.systemUTC());
    }

    public static Query toQuery(String where, Clock clock) {
        String json = toJson(where, clock).toString();
        return Query.of(query -> query.withJson(new StringReader(json)));
    }
}
