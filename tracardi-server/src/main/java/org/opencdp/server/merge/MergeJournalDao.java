package org.opencdp.server.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.opencdp.server.storage.TenantScope;

/**
 * The merge journal, MySQL table {@code profile_merge} (domain-model §15.2): the whole entry in {@code data},
 * with {@code time}, {@code reason}, {@code survivor_id} and {@code status} copied out for queries. Status changes
 * are compare-and-set on {@code row_version}, so two nodes resuming one merge cannot both move it on. Listings
 * leave the snapshots out in SQL: they hold whole profiles.
 */
public final class MergeJournalDao {

    /** An entry and its row version. */
    public record Stored(MergeJournalEntry entry, int rowVersion) {
    }

    /** A page of a listing and the number of entries that match. */
    public record Page(long total, List<MergeJournalEntry> entries) {
    }

    /** A listing filter; null fields do not filter. */
    public record Filter(Instant from, Instant to, MergeReason reason, int start, int limit) {
    }

    private static final String WITHOUT_SNAPSHOTS = "JSON_REMOVE(data, '$.snapshots')";
    private static final String INVOLVING = "(survivor_id = :profile OR JSON_CONTAINS(data, JSON_QUOTE(:profile), '$.merged_ids'))";

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public MergeJournalDao(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public void insert(TenantScope scope, MergeJournalEntry entry) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO profile_merge (tenant, production, id, time, reason, survivor_id, status, data, row_version)
                        VALUES (:tenant, :production, :id, :time, :reason, :survivor, :status, :data, 1)""")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production())
                .bind("id", entry.id()).bind("time", utc(entry.time())).bind("reason", entry.reason().label())
                .bind("survivor", entry.survivorId()).bind("status", entry.status().label())
                .bind("data", write(scope, entry))
                .execute());
    }

    /**
     * Replaces the entry if it is still at {@code rowVersion}; returns the new row version, or empty when another
     * writer changed it first.
     */
    public Optional<Integer> update(TenantScope scope, MergeJournalEntry entry, int rowVersion) {
        int changed = jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE profile_merge SET status = :status, data = :data, row_version = row_version + 1
                        WHERE tenant = :tenant AND production = :production AND id = :id AND row_version = :version""")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production()).bind("id", entry.id())
                .bind("status", entry.status().label()).bind("data", write(scope, entry)).bind("version", rowVersion)
                .execute());
        return changed == 1 ? Optional.of(rowVersion + 1) : Optional.empty();
    }

    /** Removes an entry whose merge changed nothing (its first write failed). */
    public void delete(TenantScope scope, String id) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "DELETE FROM profile_merge WHERE tenant = :tenant AND production = :production AND id = :id")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production()).bind("id", id).execute());
    }

    /** The entry with its snapshots. */
    public Optional<Stored> find(TenantScope scope, String id) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT data, row_version FROM profile_merge
                        WHERE tenant = :tenant AND production = :production AND id = :id""")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production()).bind("id", id)
                .map((rs, ctx) -> new Stored(read(rs.getString("data")), rs.getInt("row_version")))
                .findOne());
    }

    /** Entries in which the profile survived or was merged away, newest first, without snapshots. */
    public List<MergeJournalEntry> involving(TenantScope scope, String profileId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + WITHOUT_SNAPSHOTS + " AS data FROM profile_merge"
                        + " WHERE tenant = :tenant AND production = :production AND " + INVOLVING
                        + " ORDER BY time DESC, id DESC LIMIT :limit")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production())
                .bind("profile", profileId).bind("limit", limit)
                .map((rs, ctx) -> read(rs.getString("data")))
                .list());
    }

    /** The newest entry involving the profile that is not reverted (the only one a revert may undo, LIFO). */
    public Optional<MergeJournalEntry> latestNotReverted(TenantScope scope, String profileId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + WITHOUT_SNAPSHOTS + " AS data FROM profile_merge"
                        + " WHERE tenant = :tenant AND production = :production AND status <> 'reverted' AND " + INVOLVING
                        + " ORDER BY time DESC, id DESC LIMIT 1")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production())
                .bind("profile", profileId)
                .map((rs, ctx) -> read(rs.getString("data")))
                .findOne());
    }

    /** Every profile that was in a since-reverted merge together with this one (a guarded merge does not redo it). */
    public Set<String> revertedWith(TenantScope scope, String profileId) {
        Set<String> partners = new LinkedHashSet<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT " + WITHOUT_SNAPSHOTS + " AS data FROM profile_merge"
                        + " WHERE tenant = :tenant AND production = :production AND status = 'reverted' AND " + INVOLVING)
                .bind("tenant", scope.tenant().name()).bind("production", scope.production())
                .bind("profile", profileId)
                .map((rs, ctx) -> read(rs.getString("data")))
                .forEach(entry -> partners.addAll(entry.participants())));
        partners.remove(profileId);
        return partners;
    }

    /** The journal listing ({@code GET /merges}), newest first, without snapshots. */
    public Page list(TenantScope scope, Filter filter) {
        StringBuilder where = new StringBuilder(" WHERE tenant = :tenant AND production = :production");
        if (filter.from() != null) {
            where.append(" AND time >= :from");
        }
        if (filter.to() != null) {
            where.append(" AND time <= :to");
        }
        if (filter.reason() != null) {
            where.append(" AND reason = :reason");
        }
        return jdbi.withHandle(handle -> {
            Query count = bindFilter(handle.createQuery("SELECT COUNT(*) FROM profile_merge" + where), scope, filter);
            long total = count.mapTo(Long.class).one();
            Query page = bindFilter(handle.createQuery("SELECT " + WITHOUT_SNAPSHOTS + " AS data FROM profile_merge" + where
                    + " ORDER BY time DESC, id DESC LIMIT :limit OFFSET :start"), scope, filter)
                    .bind("limit", filter.limit()).bind("start", filter.start());
            return new Page(total, page.map((rs, ctx) -> read(rs.getString("data"))).list());
        });
    }

    /** Ids of merges left in {@code applied} or {@code repointing} since before {@code before}, oldest first. */
    public List<String> unfinished(TenantScope scope, Instant before, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM profile_merge
                        WHERE tenant = :tenant AND production = :production AND status IN ('applied', 'repointing')
                          AND time < :before
                        ORDER BY time, id LIMIT :limit""")
                .bind("tenant", scope.tenant().name()).bind("production", scope.production())
                .bind("before", utc(before)).bind("limit", limit)
                .mapTo(String.class).list());
    }

    private static Query bindFilter(Query query, TenantScope scope, Filter filter) {
        query.bind("tenant", scope.tenant().name()).bind("production", scope.production());
        if (filter.from() != null) {
            query.bind("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            query.bind("to", utc(filter.to()));
        }
        if (filter.reason() != null) {
            query.bind("reason", filter.reason().label());
        }
        return query;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private String write(TenantScope scope, MergeJournalEntry entry) {
        try {
            return json.writeValueAsString(entry.toJson(scope, true));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MergeJournalEntry read(String data) {
        try {
            return MergeJournalEntry.fromJson(json.readTree(data));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
