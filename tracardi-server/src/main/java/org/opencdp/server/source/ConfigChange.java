package org.opencdp.server.source;

import org.opencdp.server.storage.TenantScope;

/**
 * One write to a configuration table: which row of which tenant and context changed. {@code version} is the
 * scope's {@code config-version} counter after the write (0 when Redis could not be reached), {@code node}
 * the id of the node that wrote it.
 */
public record ConfigChange(TenantScope scope, String table, String id, long version, String node) {
}
