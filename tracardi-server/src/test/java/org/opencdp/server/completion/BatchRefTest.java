package org.opencdp.server.completion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisKeys;

class BatchRefTest {

    @Test
    void aMessageNamesTenantContextAndBatch() {
        BatchRef batch = new BatchRef(TenantScope.staging(Tenant.of("acme")), "b:1");

        assertThat(batch.message()).isEqualTo("acme:stage:b:1");
        assertThat(BatchRef.fromMessage(batch.message())).contains(batch);
        assertThat(batch.recordKey(new RedisKeys("cdp"))).isEqualTo("cdp:acme:stage:done:b:1");
        assertThat(RedisCompletionRecords.channel(new RedisKeys("cdp"))).isEqualTo("cdp:done");
    }

    @Test
    void foreignMessagesAreIgnored() {
        assertThat(BatchRef.fromMessage(null)).isEmpty();
        assertThat(BatchRef.fromMessage("b1")).isEmpty();
        assertThat(BatchRef.fromMessage("acme:prod:")).isEmpty();
        assertThat(BatchRef.fromMessage("acme:live:b1")).isEmpty();
        assertThat(BatchRef.fromMessage("ACME!:prod:b1")).isEmpty();
    }
}
