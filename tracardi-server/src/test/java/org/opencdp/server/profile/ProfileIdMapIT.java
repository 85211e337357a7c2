package org.opencdp.server.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.TestStack;
import redis.clients.jedis.params.ScanParams;

/** The id map of merged profiles against the stack's Redis: one id at a time and a whole group's at once agree. */
class ProfileIdMapIT {

    private static final TestStack.Namespace NAMESPACE = TestStack.newNamespace("idmap");
    private static final TenantScope PROD = TenantScope.production(Tenant.of("acme"));
    private static final TenantScope OTHER = TenantScope.production(Tenant.of("globex"));
    private static final Duration TTL = Duration.ofMinutes(5);

    private static RedisStore store;
    private static ProfileIdMap idMap;

    @BeforeAll
    static void connect() {
        store = RedisStore.connect(NAMESPACE.redisConfig());
        idMap = new ProfileIdMap(store);
    }

    @AfterAll
    static void dropKeys() {
        if (store != null) {
            ScanParams match = new ScanParams().match(NAMESPACE.redisPrefix() + ":*").count(500);
            store.jedis().scan("0", match).getResult().forEach(store.jedis()::del);
            store.close();
        }
    }

    @Test
    void survivorsFollowChainedMergesLikeSurvivorAndStayWithinTheirTenant() {
        // a was merged into b, b into c; d into e; f never merged.
        idMap.map(PROD, "a", "b", TTL);
        idMap.map(PROD, "b", "c", TTL);
        idMap.map(PROD, "d", "e", TTL);

        List<ScopedProfileId> ids = List.of(new ScopedProfileId(PROD, "a"), new ScopedProfileId(PROD, "f"),
                new ScopedProfileId(PROD, "d"), new ScopedProfileId(OTHER, "a"), new ScopedProfileId(PROD, "c"));
        List<Optional<String>> survivors = idMap.survivors(ids);

        assertThat(survivors).containsExactly(Optional.of("c"), Optional.empty(), Optional.of("e"), Optional.empty(),
                Optional.empty());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(survivors.get(i)).isEqualTo(idMap.survivor(ids.get(i).scope(), ids.get(i).profileId()));
        }
        assertThat(idMap.survivors(List.of())).isEmpty();
    }

    @Test
    void anIdMappedToItselfIsNotMerged() {
        idMap.map(PROD, "self", "self", TTL);

        assertThat(idMap.survivors(List.of(new ScopedProfileId(PROD, "self")))).containsExactly(Optional.empty());
    }
}
