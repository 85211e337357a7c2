/**
 * The condition language of the product (workflows §9, "TQL"), used by If nodes, conditional segments,
 * destinations, event-to-profile mappings, {@code run_once} and {@code /tql/validate}, and, on plain field paths,
 * by the {@code where} filters of the private API's search endpoints (private-api §3.16).
 * <ul>
 *   <li>{@link org.opencdp.server.condition.Conditions} parses (with a cache) and validates text into a
 *       {@link org.opencdp.server.condition.Condition}; a bad text throws
 *       {@link org.opencdp.server.condition.ConditionParseException} with a 0-based offset and a 1-based line and
 *       column. Unknown functions and wrong argument counts are parse errors (D32).</li>
 *   <li>{@link org.opencdp.server.condition.Condition#evaluate(ConditionContext)} never throws (D31): it returns the
 *       truth and the warnings raised by values of the wrong kind.</li>
 *   <li>{@link org.opencdp.server.condition.ElasticFilters} turns a {@code where} filter into an Elasticsearch
 *       query, as a JSON tree or as the typed client's {@code Query}.</li>
 * </ul>
 * The syntax tree lives in {@link org.opencdp.server.condition.ast}.
 */
package org.opencdp.server.condition;
