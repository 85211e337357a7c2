package org.opencdp.server.storage.queue;

import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.opencdp.server.config.QueueConfig;

/**
 * The Pulsar connection of a role. The client connects lazily, when the role creates its first producer
 * or consumer, so a role can start while the broker is still coming up.
 */
public final class PulsarQueue implements Managed, AutoCloseable {

    private final PulsarClient client;
    private final PulsarAdminClient admin;
    private final TopicNames topics;

    private PulsarQueue(PulsarClient client, PulsarAdminClient admin, TopicNames topics) {
        this.client = client;
        this.admin = admin;
        this.topics = topics;
    }

    public static PulsarQueue connect(QueueConfig config) {
        QueueConfig.Pulsar pulsar = config.pulsar();
        try {
            ClientBuilder builder = PulsarClient.builder()
                    .serviceUrl(pulsar.serviceUrl())
                    .operationTimeout((int) Math.max(1, config.sendTimeout().toSeconds()), TimeUnit.SECONDS)
                    .connectionTimeout(3, TimeUnit.SECONDS)
                    .enableTcpNoDelay(true);
            if (!pulsar.authToken().isBlank()) {
                builder.authentication(AuthenticationFactory.token(pulsar.authToken()));
            }
            return new PulsarQueue(builder.build(), new PulsarAdminClient(pulsar), TopicNames.of(pulsar));
        } catch (PulsarClientException e) {
            throw new IllegalStateException("queue.pulsar.serviceUrl (PULSAR_HOST) '" + pulsar.serviceUrl()
                    + "' cannot be used: " + e.getMessage(), e);
        }
    }

    public PulsarClient client() { return client; }
    public PulsarAdminClient admin() { return admin; }
    public TopicNames topics() { return topics; }

    @Override
    public void stop() throws PulsarClientException {
        close();
    }

    @Override
    public void close() throws PulsarClientException {
        client.close();
    }
}
