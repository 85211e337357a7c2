package org.opencdp.server.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.TenantScope;

/**
 * Reads the rows of a configuration table for the search endpoints: one tenant and context, optionally only those
 * created within a time window, newest first, at most {@link #MAX_SCAN} rows.
 */
final class ConfigRows {

    /** Configuration tables hold hundreds of rows; beyond this many a search only sees the newest. */
    static final int MAX_SCAN = 10_000;

    /** One stored entity and when its row was created. */
    record Row(ObjectNode data, Instant created) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;

    ConfigRows(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /**
     * The rows of the scope, newest first.
     *
     * @param from null for no window, else the window's start (inclusive)
     * @param to   the window's end (inclusive); read only with {@code from}
     */
    List<Row> newestFirst(TenantScope scope, ConfigIndex index, Instant from, Instant to) {
        // UNIX_TIMESTAMP reads created_at in the session's time zone, the one CURRENT_TIMESTAMP wrote it in, so the
        // comparison is in absolute time whatever the server's zone.
        String sql = "SELECT data, UNIX_TIMESTAMP(created_at) AS created FROM " + index.table()
                + " WHERE tenant = :tenant AND production = :production"
                + (from == null ? "" : " AND UNIX_TIMESTAMP(created_at) BETWEEN :from AND :to")
                + " ORDER BY created_at DESC, id LIMIT " + MAX_SCAN;
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("tenant", scope.tenant().name()).bind("production", scope.production());
            if (from != null) {
                query.bind("from", seconds(from)).bind("to", seconds(to));
            }
            return query.map((rs, ctx) -> new Row(parse(rs.getString("data")), instant(rs.getBigDecimal("created")))).list();
        });
    }

    private ObjectNode parse(String data) {
        try {
            JsonNode node = json.readTree(data);
            return node instanceof ObjectNode object ? object : json.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored configuration document is not JSON", e);
        }
    }

    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }

    private static Instant instant(BigDecimal seconds) {
        if (seconds == null) {
            return Instant.EPOCH;
        }
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
