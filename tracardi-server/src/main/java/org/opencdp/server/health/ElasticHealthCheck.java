package org.opencdp.server.health;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import com.codahale.metrics.health.HealthCheck;
import org.opencdp.server.storage.elastic.ElasticStore;

/** Healthy while the Elasticsearch cluster answers and is not red. */
public final class ElasticHealthCheck extends HealthCheck {

    private final ElasticStore elastic;

    public ElasticHealthCheck(ElasticStore elastic) {
        this.elastic = elastic;
    }

    @Override
    protected Result check() {
        try {
            HealthResponse health = elastic.client().cluster().health();
            if (health.status() == HealthStatus.Red) {
                return Result.unhealthy("Elasticsearch at %s: cluster %s is red (%d unassigned shards)",
                        elastic.description(), health.clusterName(), health.unassignedShards());
            }
            return Result.healthy("Elasticsearch at %s: cluster %s is %s", elastic.description(),
                    health.clusterName(), health.status().jsonValue());
        } catch (Exception e) {
            return Result.unhealthy("Elasticsearch at %s is unreachable: %s", elastic.description(), Reasons.of(e));
        }
    }
}
