package org.opencdp.server.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.IndexKind;

/**
 * Reads the log index of a tenant and context: application logs page by page (private-api §3.14) and the
 * console logs of one event, profile, flow or node, newest first.
 */
public final class ConsoleLogs {

    /** Page size of {@code /logs/page/{page}}. */
    public static final int PAGE_SIZE = 25;
    /** How many console logs of one record are returned at most. */
    public static final int MAX_PER_RECORD = 500;

    private final DataIndex data;

    public ConsoleLogs(DataIndex data) {
        this.data = data;
    }

    /** One page (from 0) of every log, newest first. */
    public ListResult<ObjectNode> page(TenantScope scope, int page) {
        ObjectNode body = data.json().createObjectNode();
        body.put("from", page * PAGE_SIZE);
        body.put("size", PAGE_SIZE);
        body.putObject("query").putObject("match_all");
        return run(scope, body);
    }

    /** The logs whose {@code field} (e.g. {@code event_id}, {@code profile_id}) equals {@code value}. */
    public ListResult<ObjectNode> of(TenantScope scope, String field, String value) {
        ObjectNode body = data.json().createObjectNode();
        body.put("size", MAX_PER_RECORD);
        body.putObject("query").putObject("term").put(field, value);
        return run(scope, body);
    }

    private ListResult<ObjectNode> run(TenantScope scope, ObjectNode body) {
        body.putArray("sort").addObject().putObject("date").put("order", "desc").put("unmapped_type", "date");
        DataIndex.Page page = data.search(scope, IndexKind.LOG, body);
        List<ObjectNode> result = page.hits().stream().map(DataIndex.Hit::source).toList();
        return new ListResult<>(page.total(), result);
    }
}
