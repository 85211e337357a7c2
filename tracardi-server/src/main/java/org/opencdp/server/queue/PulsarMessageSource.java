package org.opencdp.server.queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.KeySharedPolicy;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code Key_Shared} Pulsar consumer as a {@link MessageSource}. The broker hands each key's messages,
 * in order, to one consumer of the subscription at a time; batch-index acknowledgement (also enabled on
 * the broker) keeps a partly acknowledged batch from coming back whole.
 */
final class PulsarMessageSource implements MessageSource {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarMessageSource.class);
    private static final int MAX_RECEIVER_QUEUE = 1000;

    private final Consumer<byte[]> consumer;

    private PulsarMessageSource(Consumer<byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Subscribes; the subscription normally exists already (created by {@code migrate} at the earliest message). */
    static PulsarMessageSource subscribe(PulsarClient client, String topic, String subscription, int prefetch)
            throws PulsarClientException {
        return new PulsarMessageSource(client.newConsumer(Schema.BYTES)
                .topic(topic)
                .subscriptionName(subscription)
                .subscriptionType(SubscriptionType.Key_Shared)
                .keySharedPolicy(KeySharedPolicy.autoSplitHashRange())
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .enableBatchIndexAcknowledgment(true)
                .receiverQueueSize(Math.min(MAX_RECEIVER_QUEUE, Math.max(1, prefetch)))
                .subscribe());
    }

    @Override
    public Inbound receive(Duration timeout) throws InterruptedException {
        Message<byte[]> message;
        try {
            message = consumer.receive((int) Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (PulsarClientException e) {
            if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("interrupted while receiving from " + consumer.getTopic());
            }
            throw new QueueUnavailableException("receiving from " + consumer.getTopic() + " failed: " + e.getMessage(), e);
        }
        return message == null ? null : new PulsarInbound(message);
    }

    @Override
    public void close() {
        try {
            consumer.close();
        } catch (PulsarClientException e) {
            LOG.debug("Closing the consumer of {} failed; the broker re-delivers its messages anyway", consumer.getTopic(), e);
        }
    }

    /** A received Pulsar message. */
    private final class PulsarInbound implements Inbound {

        private final Message<byte[]> message;
        private final QueueMessage content;

        PulsarInbound(Message<byte[]> message) {
            this.message = message;
            // Every publish sets a key; a message without one (written by another tool) is its own key.
            String key = message.hasKey() ? message.getKey() : message.getMessageId().toString();
            this.content = new QueueMessage(key, message.getValue(), message.getProperties());
        }

        @Override
        public QueueMessage message() {
            return content;
        }

        @Override
        public String messageId() {
            return message.getMessageId().toString();
        }

        @Override
        public void acknowledge() {
            consumer.acknowledgeAsync(message.getMessageId()).exceptionally(error -> {
                LOG.debug("Acknowledging {} failed; it will be re-delivered", messageId(), error);
                return null;
            });
        }
    }
}
