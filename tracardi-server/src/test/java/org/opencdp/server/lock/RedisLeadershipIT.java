package org.opencdp.server.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/** Leadership of a background job on the real Redis: one leader at a time, handed over on resign or expiry. */
class RedisLeadershipIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("leader");
    private static RedisStore store;

    @BeforeAll
    static void connect() {
        store = RedisStore.connect(NAMESPACE.redisConfig());
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.jedis().del(store.keys().leader("job-a"), store.keys().leader("job-b"));
            store.close();
        }
    }

    @Test
    void oneNodeLeadsUntilItResignsThenAnotherTakesOver() {
        RedisLeadership first = new RedisLeadership(store, "job-a", Duration.ofSeconds(30));
        RedisLeadership second = new RedisLeadership(store, "job-a", Duration.ofSeconds(30));
        assertThat(first.lead()).isTrue();
        assertThat(second.lead()).isFalse();
        assertThat(first.lead()).as("the leader extends its own lease").isTrue();
        assertThat(store.jedis().pttl(first.key())).isGreaterThan(20_000);
        second.resign();
        assertThat(second.lead()).as("a node that does not lead cannot give the lead up").isFalse();
        first.resign();
        assertThat(second.lead()).isTrue();
        assertThat(first.lead()).isFalse();
        second.resign();
    }

    @Test
    void aLeaderThatStopsRenewingLosesTheLeadAfterItsLease() throws InterruptedException {
        RedisLeadership crashed = new RedisLeadership(store, "job-b", Duration.ofMillis(300));
        RedisLeadership next = new RedisLeadership(store, "job-b", Duration.ofMillis(300));
        assertThat(crashed.lead()).isTrue();
        assertThat(next.lead()).isFalse();
        Thread.sleep(600);
        assertThat(next.lead()).isTrue();
        next.resign();
    }
}
