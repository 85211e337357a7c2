package org.opencdp.server.queue.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueBacklogTest {

    @Test
    void partitionNumbersComeFromTheTopicName() {
        assertThat(QueueBacklog.partitionNumber("persistent://public/ns/batches-partition-3")).isEqualTo(3);
        assertThat(QueueBacklog.partitionNumber("persistent://public/ns/batches")).isZero();
        assertThat(QueueBacklog.partitionNumber("persistent://public/ns/batches-partition-x")).isZero();
    }
}
