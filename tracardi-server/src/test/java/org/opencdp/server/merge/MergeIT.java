package org.opencdp.server.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.lock.RedisProfileLocks;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.session.RedisSessionBindings;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.PartitionRegistry;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.PrivateApiFixture;
import io.dropwizard.testing.ConfigOverride;

/**
 * Merging on the real stack (processing §10): profiles, events and sessions created by {@code /track}, merged by the
 * service, inspected and reverted over the private API, and a merge interrupted after a step and resumed. The
 * server's own APM loop is paused for the whole class so it never merges behind the tests' backs.
 */
class MergeIT {

    static final TenantScope SCOPE = DataSeed.TRACKED;
    private static final ObjectMapper JSON = new ObjectMapper();

    static PrivateApiFixture api;
    static ElasticStore elastic;
    static RedisStore redis;
    static RedisProfileLocks locks;
    static ProfileStore profiles;
    static RedisSessionBindings bindings;
    static DataIndex data;
    static Merging merging;
    private static String admin;
    private static String maintainer;
    private static String developer;
    private static String marketer;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("merge", ConfigOverride.config("apm.pause", "1h"));
        DataSeed.createSource(api);
        elastic = ElasticStore.connect(api.config().elastic());
        redis = RedisStore.connect(api.config().redis());
        locks = new RedisProfileLocks(redis, api.config().locks().lease(), api.config().locks().waitTimeout());
        profiles = new ProfileStore(elastic, new PartitionRegistry(elastic, api.config().storage().partitioning(), JSON), JSON);
        bindings = new RedisSessionBindings(redis, api.config().cache().sessionTtl());
        data = new DataIndex(elastic, JSON);
        merging = new Merging(new Merging.Stores(elastic, api.mysql(), redis, profiles, bindings, locks, JSON),
                api.config().identity(), new MetricRegistry(), Clock.systemUTC());
        admin = api.tokenFor(ApiRoles.ADMIN);
        maintainer = api.tokenFor(ApiRoles.MAINTAINER);
        developer = api.tokenFor(ApiRoles.DEVELOPER);
        marketer = api.tokenFor(ApiRoles.MARKETER);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable open : new AutoCloseable[] {locks, redis, elastic, api}) {
            if (open != null) {
                open.close();
            }
        }
    }

    /** A tracked visitor: a profile, a session bound to it and 4 events (1 payload + 3 system events). */
    record Visitor(String profileId, String sessionId) {
    }

    static Visitor track() throws Exception {
        String session = UUID.randomUUID().toString();
        JsonNode answer = DataSeed.track(api, session, null, 1);
        return new Visitor(answer.path("profile").path("id").asText(), session);
    }

    /** Changes a stored profile (under no lock: the tests own these profiles). */
    static void change(String id, java.util.function.Consumer<ObjectNode> change) {
        Versioned<ObjectNode> stored = profiles.get(SCOPE, id).orElseThrow();
        change.accept(stored.document());
        profiles.replace(SCOPE, stored.document(), stored, Refresh.WAIT_FOR);
    }

    static ObjectNode stored(String id) {
        return profiles.get(SCOPE, id).map(Versioned::document).orElse(null);
    }

    static long count(IndexKind kind, String profileId) {
        data.refresh(SCOPE, kind);
        ObjectNode query = JSON.createObjectNode();
        query.putObject("term").put("profile.id", profileId);
        return data.count(SCOPE, kind, query);
    }

    @Test
    void mergeMovesEverythingToTheSurvivorAndRevertRestoresBoth() throws Exception {
        Visitor older = track();
        Visitor younger = track();
        change(older.profileId(), p -> {
            p.with("stats").put("views", 3).with("counters").put("a", 1);
            p.with("traits").put("tier", "gold");
        });
        change(younger.profileId(), p -> {
            p.with("stats").put("views", 4).with("counters").put("a", 2).put("b", 5);
            p.with("data").with("contact").with("email").put("main", "merge-it@example.com");
        });
        ObjectNode olderBefore = stored(older.profileId()).deepCopy();
        ObjectNode youngerBefore = stored(younger.profileId()).deepCopy();
        assertThat(count(IndexKind.EVENT, younger.profileId())).isEqualTo(4);

        MergeOutcome outcome = merging.service().merge(SCOPE, MergeReason.API, List.of(younger.profileId(), older.profileId()), null);

        assertThat(outcome.merged()).isTrue();
        assertThat(outcome.survivor().id()).isEqualTo(older.profileId());
        assertThat(outcome.mergedIds()).containsExactly(younger.profileId());
        JsonNode survivor = api.parse(DataSeed.inTracked(api, "GET", "/profile/" + younger.profileId(), marketer, null));
        assertThat(survivor.path("id").asText()).isEqualTo(older.profileId());
        assertThat(survivor.path("stats").path("views").asInt()).isEqualTo(7);
        assertThat(survivor.path("stats").path("counters")).isEqualTo(JSON.readTree("{\"a\":3,\"b\":5}"));
        assertThat(survivor.path("ids").toString()).contains(older.profileId(), younger.profileId());
        assertThat(survivor.at("/data/contact/email/main").asText()).isEqualTo("merge-it@example.com");
        assertThat(survivor.at("/traits/tier").asText()).isEqualTo("gold");
        assertThat(survivor.at("/metadata/time/visit/count").asInt()).isEqualTo(2);
        assertThat(stored(younger.profileId())).isNull();
        assertThat(count(IndexKind.EVENT, younger.profileId())).isZero();
        assertThat(count(IndexKind.EVENT, older.profileId())).isEqualTo(8);
        assertThat(count(IndexKind.SESSION, older.profileId())).isEqualTo(2);
        assertThat(bindings.find(SCOPE, younger.sessionId()).orElseThrow().profileId()).isEqualTo(older.profileId());

        String mergeId = outcome.mergeId().orElseThrow();
        HttpResponse<String> history = DataSeed.inTracked(api, "GET", "/profile/" + younger.profileId() + "/merges", maintainer, null);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        JsonNode entry = api.parse(history).path("result").get(0);
        assertThat(api.parse(history).path("total").asInt()).isEqualTo(1);
        assertThat(entry.path("id").asText()).isEqualTo(mergeId);
        assertThat(entry.path("status").asText()).isEqualTo("complete");
        assertThat(entry.path("reason").asText()).isEqualTo("api");
        assertThat(entry.path("survivor_id").asText()).isEqualTo(older.profileId());
        assertThat(entry.path("repointed")).isEqualTo(JSON.readTree("{\"events\":4,\"sessions\":1}"));
        assertThat(entry.has("snapshots")).isFalse();
        JsonNode listed = api.parse(DataSeed.inTracked(api, "GET", "/merges?reason=api", developer, null));
        assertThat(listed.path("result").findValuesAsText("id")).contains(mergeId);
        assertThat(api.parse(DataSeed.inOther(api, "GET", "/merges", admin, null)).path("total").asInt()).isZero();
        assertThat(DataSeed.inTracked(api, "GET", "/merges", marketer, null).statusCode()).isEqualTo(403);
        assertThat(DataSeed.inTracked(api, "GET", "/merges?reason=magic", admin, null).statusCode()).isEqualTo(422);
        assertThat(DataSeed.inTracked(api, "GET", "/merges?from=yesterday", admin, null).statusCode()).isEqualTo(422);

        assertThat(DataSeed.inTracked(api, "POST", "/profile/merge/" + mergeId + "/revert", developer, null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> reverted = DataSeed.inTracked(api, "POST", "/profile/merge/" + mergeId + "/revert", maintainer, null);
        assertThat(reverted.statusCode()).as(reverted.body()).isEqualTo(200);
        assertThat(api.parse(reverted)).isEqualTo(JSON.readTree("{\"reverted\":true,\"restored\":[\"" + younger.profileId() + "\"]}"));

        assertThat(stored(younger.profileId())).isEqualTo(youngerBefore);
        ObjectNode olderAfter = stored(older.profileId());
        olderAfter.with("metadata").with("time").set("update", olderBefore.at("/metadata/time/update"));
        assertThat(olderAfter).isEqualTo(olderBefore);
        assertThat(api.parse(DataSeed.inTracked(api, "GET", "/profile/" + younger.profileId(), admin, null)).path("id").asText())
                .isEqualTo(younger.profileId());
        assertThat(new ProfileIdMap(redis).survivor(SCOPE, younger.profileId())).isEmpty();
        assertThat(count(IndexKind.EVENT, younger.profileId())).isEqualTo(4);
        assertThat(count(IndexKind.EVENT, older.profileId())).isEqualTo(4);
        assertThat(count(IndexKind.SESSION, younger.profileId())).isEqualTo(1);
        assertThat(bindings.find(SCOPE, younger.sessionId()).orElseThrow().profileId()).isEqualTo(younger.profileId());
        assertThat(api.parse(DataSeed.inTracked(api, "GET", "/profile/" + older.profileId() + "/merges", admin, null))
                .path("result").get(0).path("status").asText()).isEqualTo("reverted");

        HttpResponse<String> again = DataSeed.inTracked(api, "POST", "/profile/merge/" + mergeId + "/revert", admin, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.parse(again).path("detail").asText()).contains("reverted already");
        HttpResponse<String> unknown = DataSeed.inTracked(api, "POST", "/profile/merge/no-such-merge/revert", admin, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("null");
    }

    @Test
    void onlyTheLatestMergeOfAProfileCanBeReverted() throws Exception {
        String a = imported(0, null);
        String b = imported(1, null);
        String c = imported(2, null);
        String first = merging.service().merge(SCOPE, MergeReason.API, List.of(a, b), null).mergeId().orElseThrow();
        String second = merging.service().merge(SCOPE, MergeReason.API, List.of(a, c), null).mergeId().orElseThrow();

        HttpResponse<String> refused = DataSeed.inTracked(api, "POST", "/profile/merge/" + first + "/revert", admin, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(api.parse(refused).path("detail").asText()).contains("not the latest merge", second);

        assertThat(DataSeed.inTracked(api, "POST", "/profile/merge/" + second + "/revert", admin, null).statusCode()).isEqualTo(200);
        assertThat(DataSeed.inTracked(api, "POST", "/profile/merge/" + first + "/revert", admin, null).statusCode()).isEqualTo(200);
        assertThat(ProfileDocument.of(stored(a)).ids()).containsExactly(a);
        assertThat(stored(b)).isNotNull();
        assertThat(stored(c)).isNotNull();
    }

    @Test
    void aMergeInterruptedAfterTheJournalWriteIsResumed() throws Exception {
        Visitor older = track();
        Visitor younger = track();
        merging.service().checkpoints(step -> {
            if (step.equals("journaled")) {
                throw new IllegalStateException("simulated crash after " + step);
            }
        });
        try {
            assertThatThrownBy(() -> merging.service().merge(SCOPE, MergeReason.API, List.of(older.profileId(), younger.profileId()), null))
                    .hasMessageContaining("simulated crash");
        } finally {
            merging.service().checkpoints(Checkpoints.NONE);
        }
        MergeJournalEntry left = merging.journal().involving(SCOPE, older.profileId(), 10).get(0);
        assertThat(left.status()).isEqualTo(MergeStatus.APPLIED);
        assertThat(stored(younger.profileId())).isNotNull();
        assertThat(ProfileDocument.of(stored(older.profileId())).ids()).doesNotContain(younger.profileId());
        // The younger profile keeps collecting until recovery runs: its later changes must end up in the survivor.
        change(younger.profileId(), p -> p.with("traits").put("after-crash", true));

        assertThat(merging.recovery().resumeAbandoned(SCOPE, MergeRecovery.ABANDONED_AFTER, 10)).isZero();
        // Recovery is periodic: a participant still locked by the worker (its last batch) only defers it to a later round.
        int resumed = 0;
        for (int round = 0; round < 20 && resumed == 0; round++) {
            resumed = merging.recovery().resumeAbandoned(SCOPE, Duration.ZERO, 10);
            if (resumed == 0) {
                Thread.sleep(500);
            }
        }
        assertThat(resumed).isEqualTo(1);

        MergeJournalEntry done = merging.journal().find(SCOPE, left.id()).orElseThrow().entry();
        assertThat(done.status()).isEqualTo(MergeStatus.COMPLETE);
        assertThat(done.repointedEvents()).isEqualTo(4);
        assertThat(done.snapshots().get(younger.profileId()).at("/traits/after-crash").asBoolean()).isTrue();
        assertThat(stored(younger.profileId())).isNull();
        ObjectNode survivor = stored(older.profileId());
        assertThat(ProfileDocument.of(survivor).ids()).contains(younger.profileId());
        assertThat(survivor.at("/traits/after-crash").asBoolean()).isTrue();
        assertThat(count(IndexKind.EVENT, older.profileId())).isEqualTo(8);
        assertThat(merging.recovery().resumeAbandoned(SCOPE, Duration.ZERO, 10)).isZero();
    }

    @Test
    void aMergeInterruptedWhileRepointingIsResumed() throws Exception {
        Visitor older = track();
        Visitor younger = track();
        merging.service().checkpoints(step -> {
            if (step.equals("profiles-done")) {
                throw new IllegalStateException("simulated crash after " + step);
            }
        });
        try {
            assertThatThrownBy(() -> merging.service().merge(SCOPE, MergeReason.API, List.of(older.profileId(), younger.profileId()), null))
                    .hasMessageContaining("simulated crash");
        } finally {
            merging.service().checkpoints(Checkpoints.NONE);
        }
        assertThat(stored(younger.profileId())).isNull();
        assertThat(count(IndexKind.EVENT, younger.profileId())).isEqualTo(4);

        // Recovery is periodic: a participant still locked by the worker (its last batch) only defers it to a later round.
        int resumed = 0;
        for (int round = 0; round < 20 && resumed == 0; round++) {
            resumed = merging.recovery().resumeAbandoned(SCOPE, Duration.ZERO, 10);
            if (resumed == 0) {
                Thread.sleep(500);
            }
        }
        assertThat(resumed).isEqualTo(1);

        assertThat(merging.journal().involving(SCOPE, younger.profileId(), 10).get(0).status()).isEqualTo(MergeStatus.COMPLETE);
        assertThat(count(IndexKind.EVENT, younger.profileId())).isZero();
        assertThat(count(IndexKind.SESSION, older.profileId())).isEqualTo(2);
        assertThat(ProfileDocument.of(stored(older.profileId())).ids()).containsOnlyOnce(younger.profileId());
    }

    @Test
    void apmPassMergesProfilesSharingAHashAndRespectsTheGuard() throws Exception {
        org.opencdp.server.collector.webhook.HashedIds hashes =
                new org.opencdp.server.collector.webhook.HashedIds(org.opencdp.server.testing.TestStack.SALT);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "anna-" + tag + "@example.com";
        String emailHash = hashes.hash("data.contact.email.main", email).orElseThrow();
        String phoneHash = hashes.hash("data.contact.phone.mobile", "+48600" + tag.hashCode()).orElseThrow();
        String conflictHash = hashes.hash("data.contact.email.main", "shared-" + tag + "@example.com").orElseThrow();
        String blockedHash = hashes.hash("data.contact.email.main", "test@test.com").orElseThrow();
        // Marked duplicates sharing an e-mail hash: merged, the older survives.
        String anna = imported(10, p -> withHash(p, emailHash, null, false).with("data").with("contact").with("email").put("main", email));
        String annaAgain = imported(11, p -> withHash(p, emailHash, null, true).with("stats").put("views", 2));
        // Sharing a hash but with different primary ids: the guard keeps them apart.
        String crmOne = imported(12, p -> withHash(p, conflictHash, "crm-1", false));
        String crmTwo = imported(13, p -> withHash(p, conflictHash, "crm-2", true));
        // Sharing a phone hash without any marker: the watchdog finds them.
        String phone = imported(14, p -> withHash(p, phoneHash, null, false));
        String phoneAgain = imported(15, p -> withHash(p, phoneHash, null, false));
        // Sharing the hash of a blocklisted placeholder: never merged.
        String placeholder = imported(16, p -> withHash(p, blockedHash, null, true));
        String placeholderAgain = imported(17, p -> withHash(p, blockedHash, null, true));

        ApmPass.Result result = merging.apmPass().run(SCOPE);

        assertThat(result.merges()).isEqualTo(2);
        assertThat(stored(annaAgain)).isNull();
        ObjectNode survivor = stored(anna);
        assertThat(ProfileDocument.of(survivor).ids()).contains(annaAgain, emailHash);
        assertThat(survivor.at("/stats/views").asInt()).isEqualTo(2);
        assertThat(survivor.at("/metadata/system/aux/auto_merge")).isEmpty();
        assertThat(merging.journal().involving(SCOPE, anna, 5).get(0).reason()).isEqualTo(MergeReason.APM);
        assertThat(stored(crmOne)).isNotNull();
        assertThat(stored(crmTwo)).isNotNull();
        assertThat(stored(crmTwo).at("/metadata/system/aux/auto_merge")).isEmpty();
        assertThat(stored(phoneAgain)).isNull();
        assertThat(ProfileDocument.of(stored(phone)).ids()).contains(phoneAgain);
        assertThat(stored(placeholder)).isNotNull();
        assertThat(stored(placeholderAgain)).isNotNull();

        profiles.refresh(SCOPE);
        assertThat(merging.apmPass().run(SCOPE).merges()).isZero();
        // A reverted automatic merge is not redone by the next pass.
        String mergeId = merging.journal().involving(SCOPE, phone, 5).get(0).id();
        assertThat(DataSeed.inTracked(api, "POST", "/profile/merge/" + mergeId + "/revert", admin, null).statusCode()).isEqualTo(200);
        profiles.refresh(SCOPE);
        assertThat(merging.apmPass().run(SCOPE).merges()).isZero();
        assertThat(stored(phoneAgain)).isNotNull();
    }

    @Test
    void theApmLoopRunsOnlyWhereItLeads() throws Exception {
        String hash = new org.opencdp.server.collector.webhook.HashedIds(org.opencdp.server.testing.TestStack.SALT)
                .hash("data.identifier.id", "loop-" + UUID.randomUUID()).orElseThrow();
        String first = imported(20, p -> withHash(p, hash, null, true));
        String second = imported(21, p -> withHash(p, hash, null, false));
        String job = "apm-it-" + UUID.randomUUID();
        org.opencdp.server.lock.RedisLeadership other = new org.opencdp.server.lock.RedisLeadership(redis, job, Duration.ofSeconds(30));
        assertThat(other.lead()).isTrue();
        ApmLoop loop = new ApmLoop(merging.apmPass(), () -> List.of(SCOPE),
                scope -> new org.opencdp.server.lock.RedisLeadership(redis, job, Duration.ofSeconds(30)), Duration.ofHours(1), false);

        assertThat(loop.round()).isZero();
        assertThat(stored(second)).isNotNull();

        other.resign();
        assertThat(loop.round()).isEqualTo(1);
        assertThat(stored(second)).isNull();
        assertThat(ProfileDocument.of(stored(first)).ids()).contains(second);
        loop.stop();
    }

    /** Adds a hashed id, a primary id and (when marked) the APM marker to a profile document. */
    static ObjectNode withHash(ObjectNode profile, String hash, String primaryId, boolean marked) {
        profile.withArray("ids").add(hash);
        profile.put("primary_id", primaryId);
        if (marked) {
            profile.with("metadata").with("system").with("aux").putArray("auto_merge").add("data.contact.email.main");
        }
        return profile;
    }

    /** A profile written directly, inserted {@code minute} minutes after a fixed time, with extra changes. */
    static String imported(int minute, java.util.function.Consumer<ObjectNode> changes) {
        String id = "p-" + UUID.randomUUID();
        ProfileDocument profile = ProfileDocument.create(id, java.time.Instant.parse("2024-05-01T10:00:00Z").plusSeconds(60L * minute));
        if (changes != null) {
            changes.accept(profile.json());
        }
        profiles.save(SCOPE, profile.json(), Refresh.WAIT_FOR);
        return id;
    }
}
