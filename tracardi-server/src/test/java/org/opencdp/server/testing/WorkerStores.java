package org.opencdp.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.lock.RedisProfileLocks;
import org.opencdp.server.storage.elastic.BatchStorage;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.FailedEventStore;
import org.opencdp.server.storage.elastic.PartitionRegistry;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.redis.RedisStore;

/**
 * The stores a worker's batch processing runs on, connected to the real backends of a test's configuration, for
 * tests that build a processor by hand and feed it batch records directly.
 */
public record WorkerStores(ElasticStore elastic, RedisStore redis, PartitionRegistry partitions, ProfileStore profiles,
                           DataIndex data, BatchStorage storage, RedisProfileLocks locks, FailedEventStore failedEvents)
        implements AutoCloseable {

    public static WorkerStores open(TracardiConfiguration config, ObjectMapper json, Clock clock) {
        ElasticStore elastic = ElasticStore.connect(config.elastic());
        RedisStore redis = RedisStore.connect(config.redis());
        PartitionRegistry partitions = new PartitionRegistry(elastic, config.storage().partitioning(), json);
        return new WorkerStores(elastic, redis, partitions, new ProfileStore(elastic, partitions, json),
                new DataIndex(elastic, json), new BatchStorage(elastic, partitions, json),
                new RedisProfileLocks(redis, config.locks().lease(), config.locks().waitTimeout()),
                new FailedEventStore(elastic, partitions, json, clock));
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable open : new AutoCloseable[] {storage, locks, redis, elastic}) {
            open.close();
        }
    }
}
