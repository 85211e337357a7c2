package org.opencdp.server.storage.queue;

import org.opencdp.server.config.QueueConfig;

/** Fully qualified names of the queue's topics: {@code persistent://{tenant}/{namespace}/{topic}}. */
public record TopicNames(String tenant, String namespace) {

    public static TopicNames of(QueueConfig.Pulsar config) {
        return new TopicNames(config.tenant(), config.namespace());
    }

    public String topic(String name) {
        return "persistent://" + tenant + "/" + namespace + "/" + name;
    }

    /** The admin REST path of a topic: {@code /admin/v2/persistent/{tenant}/{namespace}/{topic}}. */
    public String adminPath(String name) {
        return "/admin/v2/persistent/" + tenant + "/" + namespace + "/" + name;
    }

    public String batches() {
        return topic("batches");
    }

    public String outbox() {
        return topic("outbox");
    }
}
