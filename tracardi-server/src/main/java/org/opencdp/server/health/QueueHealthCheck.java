package org.opencdp.server.health;

import com.codahale.metrics.health.HealthCheck;
import org.opencdp.server.storage.queue.PulsarAdminClient;

/** Healthy while the Pulsar broker reports itself healthy on its admin API. */
public final class QueueHealthCheck extends HealthCheck {

    private final PulsarAdminClient admin;

    public QueueHealthCheck(PulsarAdminClient admin) {
        this.admin = admin;
    }

    @Override
    protected Result check() {
        try {
            PulsarAdminClient.Reply reply = admin.get("/admin/v2/brokers/health");
            if (reply.ok()) {
                return Result.healthy("Pulsar broker at %s is healthy", admin.description());
            }
            return Result.unhealthy("Pulsar broker at %s answered %d: %s", admin.description(), reply.status(),
                    reply.body().length() > 200 ? reply.body().substring(0, 200) : reply.body());
        } catch (Exception e) {
            return Result.unhealthy("Pulsar broker at %s is unreachable: %s", admin.description(), Reasons.of(e));
        }
    }
}
