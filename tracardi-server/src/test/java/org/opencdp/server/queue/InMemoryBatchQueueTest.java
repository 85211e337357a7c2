package org.opencdp.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.queue.RecordingHandler.message;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queue contract on the in-memory implementation, plus its bound. */
class InMemoryBatchQueueTest extends BatchQueueContract {

    private static InMemoryBatchQueue queue;

    @BeforeAll
    static void open() {
        queue = new InMemoryBatchQueue();
    }

    @AfterAll
    static void close() {
        queue.close();
    }

    @Override
    BatchQueue queue() {
        return queue;
    }

    @Override
    BatchQueue unreachableQueue() {
        InMemoryBatchQueue unreachable = new InMemoryBatchQueue();
        unreachable.setAvailable(false);
        return unreachable;
    }

    @Override
    Duration sendTimeout() {
        return Duration.ofMillis(100);
    }

    @Test
    void aFullQueueRefusesMoreMessages() throws Exception {
        try (InMemoryBatchQueue small = new InMemoryBatchQueue(3)) {
            for (int i = 0; i < 3; i++) {
                small.publish(TOPIC, message(run, run, i)).get();
            }
            assertThat(small.publish(TOPIC, message(run, run, 3))).failsWithin(Duration.ZERO)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(QueueUnavailableException.class);
            assertThat(small.backlog(TOPIC, SUBSCRIPTION)).isEqualTo(3);
        }
    }

    @Test
    void backoffDoublesFromMinimumToMaximum() {
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(5);
        assertThat(RetryingDelivery.backoff(min, max, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryingDelivery.backoff(min, max, 4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(RetryingDelivery.backoff(min, max, 9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(RetryingDelivery.backoff(min, max, 10)).isEqualTo(max);
        assertThat(RetryingDelivery.backoff(min, max, 10_000)).isEqualTo(max);
    }
}
