package org.opencdp.server.collector.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opencdp.server.config.CollectorConfig;

/** Back-pressure decisions (processing §11): every threshold refuses, and releasing makes room again. */
class AdmissionTest {

    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong backlog = new AtomicLong();
    private final CollectorConfig.Backpressure limits = new CollectorConfig.Backpressure();
    private final Admission admission = new Admission(limits, pending::get, backlog::get);

    @Test
    void requestsAreAdmittedUpToTheInFlightLimitAndAgainAfterRelease() {
        for (int i = 0; i < limits.maxInFlight(); i++) {
            assertThat(admission.tryAdmit()).isEmpty();
        }
        assertThat(admission.tryAdmit()).hasValueSatisfying(refusal -> assertThat(refusal.reason()).isEqualTo("in-flight"));
        assertThat(admission.inFlight()).isEqualTo(limits.maxInFlight());
        admission.release();
        assertThat(admission.tryAdmit()).isEmpty();
    }

    @Test
    void tooManyPendingSendsRefuseWithoutCountingTheRequest() {
        pending.set(limits.producerMaxPending());
        assertThat(admission.tryAdmit()).hasValueSatisfying(refusal -> {
            assertThat(refusal.reason()).isEqualTo("producer-pending");
            assertThat(refusal.retryAfterSeconds()).isBetween(1, 60);
        });
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void aBacklogOverTheThresholdRefusesOnceSampled() {
        backlog.set(limits.maxBacklog() + 1);
        assertThat(admission.tryAdmit()).isEmpty();
        admission.release();
        admission.sampleBacklog();
        assertThat(admission.tryAdmit()).hasValueSatisfying(refusal -> assertThat(refusal.reason()).isEqualTo("backlog"));
        backlog.set(0);
        admission.sampleBacklog();
        assertThat(admission.tryAdmit()).isEmpty();
    }

    @Test
    void aFailingBacklogSampleKeepsTheLastValue() {
        Admission failing = new Admission(limits, () -> 0, () -> {
            throw new IllegalStateException("broker down");
        });
        failing.sampleBacklog();
        assertThat(failing.tryAdmit()).isEmpty();
    }
}
