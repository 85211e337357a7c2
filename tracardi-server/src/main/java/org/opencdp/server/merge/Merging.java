package org.opencdp.server.merge;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.config.IdentityConfig;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.profile.ProfileCache;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.session.SessionBindings;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.DocumentSweep;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.redis.RedisStore;

/**
 * The merging feature wired from a role's stores: one {@link MergeService}, {@link MergeReverts} and journal shared
 * by the worker, the private API and the APM pass of a process.
 */
public final class Merging {

    private final MergeJournalDao journal;
    private final MergeService service;
    private final MergeReverts reverts;
    private final ProfileFinder finder;
    private final MergeGuard guard;
    private final HashedIds hashes;
    private final MergeRecovery recovery;
    private final ApmPass apmPass;

    /** What merging is built from. */
    public record Stores(ElasticStore elastic, MysqlStore mysql, RedisStore redis, ProfileStore profiles,
                         SessionBindings sessionBindings, ProfileLocks locks, ObjectMapper json) {
    }

    public Merging(Stores stores, IdentityConfig identity, MetricRegistry metrics, Clock clock) {
        this.journal = new MergeJournalDao(stores.mysql().jdbi(), stores.json());
        this.guard = new MergeGuard(identity.maxMergeCandidates(), identity.mergeBlocklist());
        this.hashes = identity.hashedIds() ? new HashedIds(identity.mergingSalt()) : null;
        this.finder = new ProfileFinder(stores.profiles(), new DataIndex(stores.elastic(), stores.json()));
        ProfileIdMap idMap = new ProfileIdMap(stores.redis());
        ProfileCache cache = new ProfileCache(stores.redis());
        Repointer repointer = new Repointer(new DocumentSweep(stores.elastic(), stores.json()), stores.sessionBindings());
        MergeApplication application = new MergeApplication(stores.profiles(), journal, idMap, cache, repointer,
                identity.idMapTtl(), metrics, clock);
        this.service = new MergeService(finder, journal, stores.locks(), guard, hashes, application);
        this.reverts = new MergeReverts(journal, stores.profiles(), stores.locks(), idMap, cache, repointer, clock);
        this.recovery = new MergeRecovery(journal, service, clock);
        this.apmPass = new ApmPass(service, recovery, finder, stores.profiles(), stores.locks(), guard, hashes,
                identity.mergeBlocklist(), metrics);
    }

    public MergeService service() {
        return service;
    }

    public MergeReverts reverts() {
        return reverts;
    }

    /** Resumes merges a crash left unfinished (the worker's merge-recovery job). */
    public MergeRecovery recovery() {
        return recovery;
    }

    /** One APM pass over a scope (processing §10.7). */
    public ApmPass apmPass() {
        return apmPass;
    }

    public MergeJournalDao journal() {
        return journal;
    }

    ProfileFinder finder() {
        return finder;
    }

    MergeGuard guard() {
        return guard;
    }

    /** The hashing of merging keys, or null when it is off. */
    HashedIds hashes() {
        return hashes;
    }
}
