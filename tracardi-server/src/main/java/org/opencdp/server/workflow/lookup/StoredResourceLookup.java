package org.opencdp.server.workflow.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencdp.server.resource.ResourceService;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.workflow.plugin.ResourceLookup;

/** Resource credentials from MySQL, decrypted by the {@link ResourceService} the resource API uses. */
public final class StoredResourceLookup implements ResourceLookup {

    private final Supplier<ResourceService> resources;

    /** @param resources built on first use, so a server without a usable secret key fails only when a flow needs it */
    public StoredResourceLookup(Supplier<ResourceService> resources) {
        this.resources = resources;
    }

    @Override
    public Optional<JsonNode> credentials(TenantScope scope, String resourceId, boolean test) {
        LookupScopes.require(scope);
        return resources.get().find(scope, resourceId)
                .filter(resource -> resource.path("enabled").asBoolean(true))
                .map(resource -> resource.path("credentials").path(test ? "test" : "production"))
                .filter(JsonNode::isObject);
    }
}
