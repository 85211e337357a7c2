package org.opencdp.server.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisKeys;
import org.opencdp.server.storage.redis.RedisStore;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * The id map of merged profiles (processing §10.5, operations §3.3): {@code {prefix}:idmap:{merged id}} holds
 * the survivor's id for {@code identity.idMapTtl}. Merges write it, reverts and profile deletion remove it;
 * readers follow it so a merged-away id still finds its profile.
 *
 * <p>Deleting a profile also leaves {@code {prefix}:deleted:{id}} for each of its ids, for the same time. A
 * session binding names a profile that exists or is being created by the batch that bound it, unless one of these
 * says otherwise: that is what lets the collector trust a binding without asking Elasticsearch on every request.
 */
public final class ProfileIdMap {

    /** Key of an id-map entry, after the scope prefix. */
    public static final String ID_MAP = "idmap:";
    /** Key of a deletion mark, after the scope prefix. */
    public static final String DELETED = "deleted:";

    /** Merges of merges chain; more hops than this means a cycle or a data error. */
    private static final int MAX_HOPS = 8;

    private final JedisPooled jedis;
    private final RedisKeys keys;

    public ProfileIdMap(RedisStore redis) {
        this.jedis = redis.jedis();
        this.keys = redis.keys();
    }

    /** The survivor a merged-away id points to, following chained merges; empty when the id is not mapped. */
    public Optional<String> survivor(TenantScope scope, String id) {
        String current = id;
        String mapped = null;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            String next = jedis.get(key(scope, current));
            if (next == null || next.equals(current)) {
                break;
            }
            mapped = next;
            current = next;
        }
        return Optional.ofNullable(mapped);
    }

    /**
     * {@link #survivor} of several ids, in their order: the first hop of all of them in one round trip (most ids were
     * never merged), the further hops of chained merges one by one.
     */
    public List<Optional<String>> survivors(List<ScopedProfileId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> firstHops = jedis.mget(ids.stream().map(id -> key(id.scope(), id.profileId())).toArray(String[]::new));
        List<Optional<String>> survivors = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String next = firstHops.get(i);
            ScopedProfileId id = ids.get(i);
            if (next == null || next.equals(id.profileId())) {
                survivors.add(Optional.empty());
            } else {
                survivors.add(Optional.of(survivor(id.scope(), next).orElse(next)));
            }
        }
        return survivors;
    }

    /** Records that {@code mergedId} now lives on as {@code survivorId}. */
    public void map(TenantScope scope, String mergedId, String survivorId, Duration ttl) {
        jedis.set(key(scope, mergedId), Objects.requireNonNull(survivorId, "survivorId"),
                SetParams.setParams().px(Math.max(1, ttl.toMillis())));
    }

    /**
     * Removes the entries of these ids that point to {@code survivorId} (entries pointing elsewhere belong to
     * another profile and stay). Returns how many were removed.
     */
    public int forget(TenantScope scope, String survivorId, Collection<String> ids) {
        int removed = 0;
        for (String id : ids) {
            String key = key(scope, id);
            if (survivorId.equals(jedis.get(key))) {
                removed += (int) jedis.del(key);
            }
        }
        return removed;
    }

    /**
     * Marks these ids as gone for {@code ttl}: a session still bound to one of them is resolved through
     * Elasticsearch again instead of being trusted (processing §5.1 #4).
     */
    public void markDeleted(TenantScope scope, Collection<String> ids, Duration ttl) {
        SetParams expiry = SetParams.setParams().px(Math.max(1, ttl.toMillis()));
        for (String id : ids) {
            jedis.set(keys.scoped(scope, DELETED + id), "1", expiry);
        }
    }

    /** Whether {@code id} was deleted within the mark's lifetime. */
    public boolean deleted(TenantScope scope, String id) {
        return jedis.exists(keys.scoped(scope, DELETED + id));
    }

    private String key(TenantScope scope, String id) {
        return keys.scoped(scope, ID_MAP + id);
    }
}
