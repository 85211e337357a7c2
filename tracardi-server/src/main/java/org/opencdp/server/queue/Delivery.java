package org.opencdp.server.queue;

/** A message handed to a {@link MessageHandler}; {@code attempt} is 1 on first delivery. */
public record Delivery(QueueMessage message, String messageId, int attempt) {
}
