package org.opencdp.server.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisKeys;
import org.opencdp.server.storage.redis.RedisStore;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * Session bindings in Redis (processing §4.2, operations §3.3): {@code {prefix}:session:{id}} holds
 * {@code {"profile_id": "…", "start": "<ISO-8601 instant>"}} and lives {@code cache.sessionTtl} after the
 * session's last batch. New sessions are bound with {@code SET NX}, so the first writer decides the profile.
 */
public final class RedisSessionBindings implements SessionBindings {

    /**
     * Replaces the profile but keeps the stored start (the session's index partition depends on it), and
     * resets the TTL; atomic, so it cannot interleave with a concurrent {@code bindIfAbsent}.
     */
    private static final String REBIND = """
            local start = ARGV[2]
            local current = redis.call('get', KEYS[1])
            if current then
              local ok, stored = pcall(cjson.decode, current)
              if ok and type(stored) == 'table' and type(stored.start) == 'string' then
                start = stored.start
              end
            end
            redis.call('set', KEYS[1], '{"profile_id":' .. cjson.encode(ARGV[1]) .. ',"start":' .. cjson.encode(start) .. '}',
                       'PX', ARGV[3])
            return 1""";

    /**
     * The fallback of {@code bindIfAbsent} when the winner's binding expired between our lost {@code SET NX}
     * and the read: read-or-write in one step, so there is no second window and no retry loop.
     */
    private static final String GET_OR_SET = """
            local current = redis.call('get', KEYS[1])
            if current then
              return current
            end
            redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return ARGV[1]""";

    /**
     * The binding, the id its profile resolves to through the id map (chains of merges followed, at most 8 hops as in
     * {@link ProfileIdMap#survivor}) and whether that id carries a deletion mark: one round trip instead of three.
     * KEYS[1] is the binding; ARGV are the scoped prefixes of id-map entries and deletion marks. The binding comes back
     * decoded ({profile_id, start, current id, 1 if deleted}), or as stored ({raw}) when it is not a valid binding.
     */
    private static final String FIND_RESOLVED = """
            local raw = redis.call('get', KEYS[1])
            if not raw then
              return false
            end
            local ok, stored = pcall(cjson.decode, raw)
            if not ok or type(stored) ~= 'table' or type(stored.profile_id) ~= 'string' or type(stored.start) ~= 'string' then
              return {raw}
            end
            local id = stored.profile_id
            for hop = 1, 8 do
              local next = redis.call('get', ARGV[1] .. id)
              if not next or next == id then
                break
              end
              id = next
            end
            return {stored.profile_id, stored.start, id, redis.call('exists', ARGV[2] .. id)}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JedisPooled jedis;
    private final RedisKeys keys;
    private final long ttlMillis;

    /** @param sessionTtl {@code cache.sessionTtl} */
    public RedisSessionBindings(RedisStore store, Duration sessionTtl) {
        if (sessionTtl.toMillis() < 1) {
            throw new IllegalArgumentException("cache.sessionTtl must be positive: " + sessionTtl);
        }
        this.jedis = store.jedis();
        this.keys = store.keys();
        this.ttlMillis = sessionTtl.toMillis();
    }

    @Override
    public Binding bindIfAbsent(TenantScope scope, String sessionId, Binding proposed) {
        Objects.requireNonNull(proposed.profileId(), "profileId");
        Objects.requireNonNull(proposed.start(), "start");
        String key = key(scope, sessionId);
        String value = encode(proposed);
        if ("OK".equals(jedis.set(key, value, SetParams.setParams().nx().px(ttlMillis)))) {
            return proposed;
        }
        String winner = jedis.get(key);
        if (winner == null) {
            // The winner's binding expired between our SET and GET: the session is new again.
            winner = (String) jedis.eval(GET_OR_SET, List.of(key), List.of(value, Long.toString(ttlMillis)));
        }
        return winner.equals(value) ? proposed : decode(key, winner);
    }

    @Override
    public Optional<Binding> find(TenantScope scope, String sessionId) {
        String key = key(scope, sessionId);
        return Optional.ofNullable(jedis.get(key)).map(value -> decode(key, value));
    }

    @Override
    public Optional<Resolved> findResolved(TenantScope scope, String sessionId) {
        String key = key(scope, sessionId);
        Object reply = jedis.eval(FIND_RESOLVED, List.of(key),
                List.of(keys.scoped(scope, ProfileIdMap.ID_MAP), keys.scoped(scope, ProfileIdMap.DELETED)));
        if (!(reply instanceof List<?> parts) || parts.isEmpty()) {
            return Optional.empty();
        }
        if (parts.size() != 4) {
            decode(key, String.valueOf(parts.get(0)));
            throw new IllegalStateException("session binding " + key + " is not valid: " + parts.get(0));
        }
        try {
            Binding binding = new Binding((String) parts.get(0), Instant.parse((String) parts.get(1)));
            return Optional.of(new Resolved(binding, (String) parts.get(2), ((Long) parts.get(3)) > 0));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("session binding " + key + " has an invalid start: " + parts.get(1), e);
        }
    }

    @Override
    public void rebind(TenantScope scope, String sessionId, Binding binding) {
        Objects.requireNonNull(binding.profileId(), "profileId");
        Objects.requireNonNull(binding.start(), "start");
        jedis.eval(REBIND, List.of(key(scope, sessionId)),
                List.of(binding.profileId(), binding.start().toString(), Long.toString(ttlMillis)));
    }

    @Override
    public void replace(TenantScope scope, String sessionId, Binding binding) {
        Objects.requireNonNull(binding.profileId(), "profileId");
        Objects.requireNonNull(binding.start(), "start");
        jedis.set(key(scope, sessionId), encode(binding), SetParams.setParams().px(ttlMillis));
    }

    @Override
    public void remove(TenantScope scope, String sessionId) {
        jedis.del(key(scope, sessionId));
    }

    @Override
    public void touch(TenantScope scope, String sessionId) {
        jedis.pexpire(key(scope, sessionId), ttlMillis);
    }

    private String key(TenantScope scope, String sessionId) {
        return keys.scoped(scope, "session:" + Objects.requireNonNull(sessionId, "sessionId"));
    }

    private static String encode(Binding binding) {
        ObjectNode node = JSON.createObjectNode();
        node.put("profile_id", binding.profileId());
        node.put("start", binding.start().toString());
        return node.toString();
    }

    private static Binding decode(String key, String value) {
        try {
            JsonNode node = JSON.readTree(value);
            String profileId = node.path("profile_id").textValue();
            String start = node.path("start").textValue();
            if (profileId == null || start == null) {
                throw new IllegalStateException("session binding " + key + " lacks profile_id or start: " + value);
            }
            return new Binding(profileId, Instant.parse(start));
        } catch (JsonProcessingException | DateTimeParseException e) {
            throw new IllegalStateException("session binding " + key + " is not valid: " + value, e);
        }
    }
}
