package org.opencdp.server.worker;

import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.session.SessionDocument;

/** Session enrichment (processing §6.1 for a new session, §6.2 on every batch). */
public interface SessionEnricher {

    /** Fills what is computed once, when the session is created: device, OS, app, UTM, language, IP. */
    void enrichNew(SessionDocument session, BatchRecord batch);

    /** Merges the batch's context and properties and keeps the UTM filled. */
    void enrichEvery(SessionDocument session, BatchRecord batch);
}
