package org.opencdp.server.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.mapping.MappingFixtures.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opencdp.server.source.ConfigChange;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

/** The mapping entity (domain-model §12) and its cache. */
class EventToProfileMappingTest {

    private static final TenantScope PROD = TenantScope.production(Tenant.of("acme"));
    private static final TenantScope STAGE = TenantScope.staging(Tenant.of("acme"));

    @Test
    void readsAndWritesTheEntity() {
        EventToProfileMapping mapping = EventToProfileMapping.fromJson(json("""
                {"id": " Newsletter ", "name": "N", "description": "d", "enabled": true,
                 "event_type": {"id": "Newsletter Signup", "name": "Newsletter Signup"},
                 "config": {"condition": ""}, "tags": ["a"], "build_in": false,
                 "event_to_profile": [
                   {"event": {"value": "properties.email", "ref": true}, "op": "equals", "profile": {"value": "data.contact.email.main", "ref": true}},
                   {"event": {"value": "x", "ref": false}, "op": "1", "profile": {"value": "traits.x", "ref": true}},
                   {"event": {"value": "properties.t", "ref": true}, "op": 2, "profile": {"value": "traits.t", "ref": true}}
                 ]}"""));

        assertThat(mapping.id()).isEqualTo("newsletter");
        assertThat(mapping.eventTypeId()).isEqualTo("newsletter-signup");
        assertThat(mapping.hasCondition()).isFalse();
        assertThat(mapping.items()).extracting(EventToProfileMapping.Item::op).containsExactly(
                EventToProfileMapping.Op.EQUALS, EventToProfileMapping.Op.EQUALS_IF_NOT_EXISTS, EventToProfileMapping.Op.APPEND);
        assertThat(mapping.problems()).isEmpty();
        assertThat(EventToProfileMapping.fromJson(mapping.toJson()).toJson()).isEqualTo(mapping.toJson());
        assertThat(mapping.toJson().at("/event_to_profile/0/op").asInt()).isZero();
    }

    @Test
    void listsWhatTheApiMustRefuse() {
        EventToProfileMapping mapping = EventToProfileMapping.fromJson(json("""
                {"event_to_profile": [{"event": {"value": "a"}, "op": 5, "profile": {"value": "metadata.x"}}]}"""));
        assertThat(mapping.problems()).containsExactly("id: required", "event_type.id: required",
                "event_to_profile.0.op: must be 0, 1 or 2",
                "event_to_profile.0.profile: must start with one of " + EventToProfileMapping.ALLOWED_ROOTS);
        assertThat(EventToProfileMapping.allowedTarget("traits")).isTrue();
        assertThat(EventToProfileMapping.allowedTarget("trash.x")).isTrue();
        assertThat(EventToProfileMapping.allowedTarget("traitsx.y")).isFalse();
    }

    @Test
    void theCacheKeepsMappingsPerScopeAndTypeUntilTheScopeChanges() {
        Map<String, List<EventToProfileMapping>> table = new HashMap<>();
        AtomicBoolean subscribed = new AtomicBoolean(true);
        AtomicLong nanos = new AtomicLong();
        List<String> reads = new ArrayList<>();
        EventToProfileMappingCache cache = new EventToProfileMappingCache((scope, type) -> {
            reads.add(scope.context() + "/" + type);
            return table.getOrDefault(scope.context() + "/" + type, List.of());
        }, subscribed::get, Duration.ofSeconds(60), nanos::get);
        EventToProfileMapping mapping = EventToProfileMapping.fromJson(json(
                "{\"id\": \"m\", \"enabled\": true, \"event_type\": {\"id\": \"purchase\"}}"));

        assertThat(cache.forEventType(PROD, "Purchase")).isEmpty();
        assertThat(cache.forEventType(PROD, "purchase")).isEmpty();
        assertThat(reads).hasSize(1);

        table.put(PROD.context() + "/purchase", List.of(mapping));
        cache.forEventType(STAGE, "purchase");
        cache.changed(new ConfigChange(STAGE, EventToProfileMappingDao.TABLE, "m", 1, "other-node"));
        assertThat(cache.forEventType(PROD, "purchase")).as("other scopes keep their entries").isEmpty();
        cache.changed(new ConfigChange(PROD, "event_source", "m", 2, "other-node"));
        assertThat(cache.forEventType(PROD, "purchase")).as("other tables do not matter").isEmpty();
        cache.changed(new ConfigChange(PROD, EventToProfileMappingDao.TABLE, "m", 3, "other-node"));
        assertThat(cache.forEventType(PROD, "purchase")).containsExactly(mapping);

        subscribed.set(false);
        int before = reads.size();
        cache.forEventType(PROD, "purchase");
        cache.forEventType(PROD, "purchase");
        assertThat(reads).as("nothing is served while changes may be missed").hasSize(before + 2);

        subscribed.set(true);
        cache.resynchronize();
        cache.forEventType(PROD, "purchase");
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        cache.forEventType(PROD, "purchase");
        assertThat(reads).as("the TTL bounds an entry's age").hasSize(before + 4);
    }
}
