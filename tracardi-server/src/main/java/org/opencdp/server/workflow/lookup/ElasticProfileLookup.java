package org.opencdp.server.workflow.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.workflow.plugin.ProfileLookup;

/**
 * Load profile by field on Elasticsearch: a {@code term} search on the profile alias (it sees what was refreshed,
 * within a second), then a real-time GET of each hit for its current document and version. Profiles marked
 * {@code active: false} are left out.
 */
public final class ElasticProfileLookup implements ProfileLookup {

    /** A profile path: letters, digits, {@code _} and {@code -} segments separated by dots. */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final ProfileStore profiles;
    private final DataIndex data;

    public ElasticProfileLookup(ProfileStore profiles, DataIndex data) {
        this.profiles = profiles;
        this.data = data;
    }

    @Override
    public List<Versioned<ObjectNode>> findActive(TenantScope scope, String field, JsonNode value, int limit) {
        LookupScopes.require(scope);
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("Field " + field + " is not a profile path such as data.contact.email.main.");
        }
        if (value == null || !value.isValueNode() || value.isNull() || limit <= 0) {
            return List.of();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("size", limit);
        body.putArray("_source").add("id");
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("term").set(field, value);
        bool.putArray("must_not").addObject().putObject("term").put("active", false);
        body.putArray("sort").addObject().put("id", "asc");
        List<Versioned<ObjectNode>> found = new ArrayList<>();
        for (DataIndex.Hit hit : data.search(scope, IndexKind.PROFILE, body).hits()) {
            profiles.get(scope, hit.id()).ifPresent(found::add);
        }
        return found;
    }
}
