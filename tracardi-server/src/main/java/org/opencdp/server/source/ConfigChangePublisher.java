package org.opencdp.server.source;

import org.opencdp.server.storage.TenantScope;

/**
 * Told by the configuration DAOs after every committed write, so that caches on this node and on the others
 * drop the row (processing §14). Implementations never throw: the write has already been committed.
 */
@FunctionalInterface
public interface ConfigChangePublisher {

    /** For code (tests, tools) that writes without any cache to keep in step. */
    ConfigChangePublisher NONE = (scope, table, id) -> { };

    void changed(TenantScope scope, String table, String id);
}
