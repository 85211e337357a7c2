package org.opencdp.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.IndexNames;
import org.opencdp.server.storage.elastic.Partitioning;
import org.opencdp.server.storage.redis.RedisKeys;

/** Every store name carries the tenant and the context (operations §3, §5.2). */
class NamingTest {

    private final TenantScope acmeProduction = TenantScope.production(Tenant.of("Acme"));
    private final TenantScope acmeStaging = TenantScope.staging(Tenant.of("acme"));

    @Test
    void indexNamesAreScopedByTenantContextKindAndVersion() {
        IndexNames names = new IndexNames("cdp");
        assertThat(names.alias(acmeProduction, IndexKind.PROFILE)).isEqualTo("cdp.acme.prod.profile");
        assertThat(names.versioned(acmeStaging, IndexKind.PROFILE)).isEqualTo("cdp.acme.stage.profile.v1");
        assertThat(names.partition(acmeProduction, IndexKind.EVENT, Partitioning.MONTH,
                ZonedDateTime.parse("2024-03-27T10:00:00Z"))).isEqualTo("cdp.acme.prod.event.v1.2024-03");
        assertThat(names.templatePatterns(acmeProduction, IndexKind.SESSION))
                .containsExactly("cdp.acme.prod.session.v1", "cdp.acme.prod.session.v1.*");
    }

    @Test
    void partitionSuffixesFollowTheGranularity() {
        ZonedDateTime time = ZonedDateTime.parse("2024-03-27T23:30:00-02:00"); // 2024-03-28 in UTC
        assertThat(Partitioning.DAY.suffix(time)).isEqualTo("2024-03-28");
        assertThat(Partitioning.WEEK.suffix(time)).isEqualTo("2024-w13");
        assertThat(Partitioning.MONTH.suffix(time)).isEqualTo("2024-03");
        assertThat(Partitioning.QUARTER.suffix(time)).isEqualTo("2024-q1");
        assertThat(Partitioning.YEAR.suffix(time)).isEqualTo("2024");
        // ISO week-based year: 2021-01-01 is in week 53 of 2020.
        assertThat(Partitioning.WEEK.suffix(ZonedDateTime.parse("2021-01-01T00:00:00Z"))).isEqualTo("2020-w53");
    }

    @Test
    void redisKeysAreScopedByTenantAndContext() {
        RedisKeys keys = new RedisKeys("cdp");
        assertThat(keys.scoped(acmeProduction, "session:s1")).isEqualTo("cdp:acme:prod:session:s1");
        assertThat(keys.scoped(acmeStaging, "session:s1")).isEqualTo("cdp:acme:stage:session:s1");
        assertThat(keys.tenantLevel(Tenant.of("acme"), "token:abc")).isEqualTo("cdp:acme:token:abc");
        assertThat(keys.tenantPattern(Tenant.of("acme"))).isEqualTo("cdp:acme:*");
    }

    @Test
    void tenantNamesAreValidated() {
        assertThat(Tenant.of(" Shop42 ").name()).isEqualTo("shop42");
        assertThatThrownBy(() -> Tenant.of("ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tenant.of("12345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tenant.of("a.b.c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tenant.of("x".repeat(41))).isInstanceOf(IllegalArgumentException.class);
    }
}
