package org.opencdp.server.api.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.redis.RedisStore;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.params.GetExParams;

/**
 * Opaque bearer tokens kept in Redis (private-api §2.2): 256 random bits, base64url, stored under the SHA-256 of
 * the token so a Redis dump reveals no usable token. The expiry slides: every successful lookup resets it.
 * A per-user set indexes the tokens so that changing roles or disabling a user revokes them all.
 */
public final class AccessTokens {

    private final RedisStore redis;
    private final ObjectMapper json;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public AccessTokens(RedisStore redis, ObjectMapper json, Duration ttl) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Issues a new token; other tokens of the same user stay valid. */
    public String issue(Tenant tenant, TokenGrant grant) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = sha256(token);
        String index = userIndexKey(tenant, grant.userId());
        try (AbstractTransaction tx = redis.jedis().multi()) {
            tx.setex(tokenKey(tenant, hash), ttl.toSeconds(), write(grant));
            tx.sadd(index, hash);
            // The index outlives each token a little; stale members are harmless and dropped on revocation.
            tx.expire(index, ttl.toSeconds() * 2);
            tx.exec();
        }
        return token;
    }

    /** The grant of a live token, sliding its expiry; empty when unknown or expired. */
    public Optional<TokenGrant> lookup(Tenant tenant, String token) {
        if (token == null || token.isBlank() || token.length() > 512) {
            return Optional.empty();
        }
        String value = redis.jedis().getEx(tokenKey(tenant, sha256(token)), GetExParams.getExParams().ex(ttl.toSeconds()));
        if (value == null) {
            return Optional.empty();
        }
        TokenGrant grant = read(value);
        redis.jedis().expire(userIndexKey(tenant, grant.userId()), ttl.toSeconds() * 2);
        return Optional.of(grant);
    }

    /** Revokes one token given by its hash; unknown hashes are ignored. */
    public void revokeHash(Tenant tenant, String userId, String tokenHash) {
        redis.jedis().del(tokenKey(tenant, tokenHash));
        if (userId != null) {
            redis.jedis().srem(userIndexKey(tenant, userId), tokenHash);
        }
    }

    /** Revokes every token of a user (roles changed, user disabled or deleted). */
    public void revokeAll(Tenant tenant, String userId) {
        String index = userIndexKey(tenant, userId);
        Set<String> hashes = redis.jedis().smembers(index);
        for (String hash : hashes) {
            redis.jedis().del(tokenKey(tenant, hash));
        }
        redis.jedis().del(index);
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private String tokenKey(Tenant tenant, String hash) {
        return redis.keys().tenantLevel(tenant, "token:" + hash);
    }

    private String userIndexKey(Tenant tenant, String userId) {
        return redis.keys().tenantLevel(tenant, "user-tokens:" + userId);
    }

    private String write(TokenGrant grant) {
        try {
            return json.writeValueAsString(grant);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("token grant is not serialisable", e);
        }
    }

    private TokenGrant read(String value) {
        try {
            return json.readValue(value, TokenGrant.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt token grant in Redis", e);
        }
    }
}
