package org.opencdp.server.merge;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes merges left in {@code applied} or {@code repointing} (processing §10.5 step 8): a process that died in
 * the middle of a merge leaves its journal entry behind, and this picks it up once it is old enough that nobody is
 * still working on it.
 */
public final class MergeRecovery {

    /** How long a merge may stay unfinished before it counts as abandoned (processing §10.5). */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(MergeRecovery.class);

    private final MergeJournalDao journal;
    private final MergeService service;
    private final Clock clock;

    public MergeRecovery(MergeJournalDao journal, MergeService service, Clock clock) {
        this.journal = journal;
        this.service = service;
        this.clock = clock;
    }

    /** Resumes up to {@code limit} merges unfinished for longer than {@code olderThan}; returns how many were resumed. */
    public int resumeAbandoned(TenantScope scope, Duration olderThan, int limit) {
        List<String> stuck = journal.unfinished(scope, clock.instant().minus(olderThan), limit);
        int resumed = 0;
        for (String mergeId : stuck) {
            try {
                service.resume(scope, mergeId);
                resumed++;
            } catch (TransientQueueException e) {
                LOG.info("merge {} not resumed this time: {}", mergeId, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("merge {} could not be resumed: {}", mergeId, e.toString());
            }
        }
        return resumed;
    }
}
