package org.opencdp.server.role;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.health.ElasticHealthCheck;
import org.opencdp.server.health.InstalledHealthCheck;
import org.opencdp.server.health.MysqlHealthCheck;
import org.opencdp.server.health.QueueHealthCheck;
import org.opencdp.server.health.RedisHealthCheck;
import org.opencdp.server.install.VersionDao;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.queue.PulsarQueue;
import org.opencdp.server.storage.redis.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend connections of one role, opened on first request: a role that never asks for Pulsar never
 * connects to it. Each connection is closed with the role and gets an admin health check named after the
 * backend ({@code elastic}, {@code mysql}, {@code redis}, {@code queue}).
 */
public final class Backends implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private final TracardiConfiguration config;
    private final Environment environment;
    private final Map<String, HealthCheck> awaited = new LinkedHashMap<>();
    private ElasticStore elastic;
    private MysqlStore mysql;
    private RedisStore redis;
    private PulsarQueue queue;

    public Backends(TracardiConfiguration config, Environment environment) {
        this.config = config;
        this.environment = environment;
    }

    public TracardiConfiguration config() {
        return config;
    }

    public synchronized ElasticStore elastic() {
        if (elastic == null) {
            elastic = ElasticStore.connect(config.elastic());
            environment.lifecycle().manage(elastic);
            register("elastic", new ElasticHealthCheck(elastic), true);
        }
        return elastic;
    }

    public synchronized MysqlStore mysql() {
        if (mysql == null) {
            mysql = MysqlStore.connect(config.mysql(), environment.metrics(), "mysql");
            environment.lifecycle().manage(mysql);
            register("mysql", new MysqlHealthCheck(mysql.dataSource(), mysql.description()), true);
            register("installed", new InstalledHealthCheck(new VersionDao(mysql.jdbi(), environment.getObjectMapper()),
                    Tenant.of(config.tenancy().tenantName())), false);
        }
        return mysql;
    }

    public synchronized RedisStore redis() {
        if (redis == null) {
            redis = RedisStore.connect(config.redis());
            environment.lifecycle().manage(redis);
            register("redis", new RedisHealthCheck(redis), true);
        }
        return redis;
    }

    /** The queue is not awaited at start: collectors answer 503 while it is down (processing §11). */
    public synchronized PulsarQueue queue() {
        if (queue == null) {
            queue = PulsarQueue.connect(config.queue());
            environment.lifecycle().manage(queue);
            register("queue", new QueueHealthCheck(queue.admin()), false);
        }
        return queue;
    }

    private void register(String name, HealthCheck check, boolean awaitAtStart) {
        environment.healthChecks().register(name, check);
        if (awaitAtStart) {
            awaited.put(name, check);
        }
    }

    /**
     * Waits until every opened store that must be up at start answers (operations §4.2), logging each try
     * with its target; gives up with the last reason after {@code startup.waitTries}.
     */
    public void awaitReady() throws InterruptedException {
        int tries = config.startup().waitTries();
        Duration interval = config.startup().waitInterval();
        for (Map.Entry<String, HealthCheck> entry : awaited.entrySet()) {
            for (int attempt = 1; ; attempt++) {
                HealthCheck.Result result = entry.getValue().execute();
                if (result.isHealthy()) {
                    LOG.info("{} ready: {}", entry.getKey(), result.getMessage());
                    break;
                }
                if (attempt >= tries) {
                    throw new IllegalStateException("gave up waiting for " + entry.getKey() + " after " + tries
                            + " tries: " + result.getMessage());
                }
                LOG.warn("waiting for {} (try {}/{}): {}", entry.getKey(), attempt, tries, result.getMessage());
                Thread.sleep(interval.toMillis());
            }
        }
    }

    /** Closes what was opened; only for runs that never start the lifecycle (the migrate role). */
    @Override
    public synchronized void close() throws Exception {
        if (queue != null) {
            queue.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (elastic != null) {
            elastic.close();
        }
        if (mysql != null) {
            mysql.close();
        }
    }
}
