package org.opencdp.server.storage.elastic;

import java.time.ZonedDateTime;
import java.util.List;
import org.opencdp.server.storage.TenantScope;

/**
 * Index, alias and template names (operations §3.1). Reads go through the alias
 * {@code {prefix}.{tenant}.{ctx}.{kind}}; documents live in {@code {alias}.v{N}} or, for partitioned kinds,
 * {@code {alias}.v{N}.{partition}}.
 */
public record IndexNames(String prefix) {

    public String alias(TenantScope scope, IndexKind kind) {
        return prefix + "." + scope.tenant().name() + "." + scope.context().label() + "." + kind.label();
    }

    /** The physical (unpartitioned) index, and the name of the kind's index template. */
    public String versioned(TenantScope scope, IndexKind kind) {
        return alias(scope, kind) + ".v" + kind.mappingVersion();
    }

    public String template(TenantScope scope, IndexKind kind) {
        return versioned(scope, kind);
    }

    /** Patterns the template applies to: the unpartitioned index and every partition of this version. */
    public List<String> templatePatterns(TenantScope scope, IndexKind kind) {
        String versioned = versioned(scope, kind);
        return List.of(versioned, versioned + ".*");
    }

    public String partition(TenantScope scope, IndexKind kind, Partitioning partitioning, ZonedDateTime time) {
        return versioned(scope, kind) + "." + partitioning.suffix(time);
    }

    /** Every index of a tenant, for purging it. */
    public String tenantWildcard(String tenant) {
        return prefix + "." + tenant + ".*";
    }
}
