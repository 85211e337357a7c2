package org.opencdp.server.session.api;

import java.util.List;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.DataIndex.TermCount;
import org.opencdp.server.storage.elastic.IndexKind;

/**
 * The dashboard counts of a tenant's sessions (private-api §3.8, {@code /sessions/count/by_*}): how many sessions
 * carry each value of one field, as Tracardi's list {@code [{"name": "<value>", "value": <count>}]}.
 */
public final class SessionAggregations {

    /** The {@code by_*} endpoints and the session field each counts. */
    public enum Dimension {
        APP("app.name"), OS_NAME("os.name"), DEVICE_GEO("device.geo.country.name"), CHANNEL("metadata.channel"),
        RESOLUTION("device.resolution");

        private final String field;

        Dimension(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final DataIndex data;

    public SessionAggregations(DataIndex data) {
        this.data = data;
    }

    /** The {@code size} most frequent values of the dimension, most frequent first; sessions without it are left out. */
    public List<TermCount> buckets(TenantScope scope, Dimension dimension, int size) {
        return data.termCounts(scope, IndexKind.SESSION, dimension.field(), size);
    }
}
