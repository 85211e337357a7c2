package org.opencdp.server.queue;

/**
 * Names used when a message is moved to its dead-letter topic. Both the topic and its {@code dead-letter}
 * subscription are created by {@code migrate} ({@code pulsar/topics.json}); the moved message keeps its key,
 * payload and properties and gains the properties below.
 */
public final class DeadLetters {

    /** The subscription that retains dead-lettered messages until an operator replays or drops them. */
    public static final String SUBSCRIPTION = "dead-letter";
    /** Class and message of the last failure. */
    public static final String REASON = "reason";
    /** Counted attempts (handler calls that failed with a non-transient exception). */
    public static final String ATTEMPTS = "attempts";
    /** The message id on the original topic, as handed to the handler in {@link Delivery#messageId()}. */
    public static final String ORIGINAL_MESSAGE_ID = "original-message-id";

    private static final int MAX_REASON_LENGTH = 2000;

    private DeadLetters() {
    }

    /** The short name of the dead-letter topic of a topic's subscription: {@code <topic>-<subscription>-DLQ}. */
    public static String topic(String topic, String subscription) {
        return topic + "-" + subscription + "-DLQ";
    }

    /** The reason property for a failure, bounded so one huge message cannot bloat the dead-letter topic. */
    static String reason(Throwable failure) {
        String text = failure.getClass().getName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH);
    }
}
