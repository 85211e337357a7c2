package org.opencdp.server.completion;

import java.util.Objects;
import java.util.Optional;
import org.opencdp.server.storage.DataContext;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisKeys;

/**
 * One batch as the completion protocol names it: tenant, context and batch id. The notification carries all
 * three because batch ids are only unique within a tenant's context, and the channel is shared by every tenant.
 */
public record BatchRef(TenantScope scope, String batchId) {

    public BatchRef {
        Objects.requireNonNull(scope, "scope");
        if (batchId == null || batchId.isEmpty()) {
            throw new IllegalArgumentException("batch id is empty");
        }
    }

    /** The completion record's key, {@code {prefix}:{tenant}:{ctx}:done:{batch}}. */
    String recordKey(RedisKeys keys) {
        return keys.scoped(scope, "done:" + batchId);
    }

    /** The notification text, {@code {tenant}:{ctx}:{batch}}; tenant names and context labels hold no ':'. */
    String message() {
        return scope.tenant().name() + ":" + scope.context().label() + ":" + batchId;
    }

    /** Parses a notification; empty for text this version does not understand, which is then ignored. */
    static Optional<BatchRef> fromMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String[] parts = message.split(":", 3);
        if (parts.length != 3 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        Optional<DataContext> context = context(parts[1]);
        if (context.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BatchRef(new TenantScope(new Tenant(parts[0]), context.get()), parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<DataContext> context(String label) {
        for (DataContext context : DataContext.values()) {
            if (context.label().equals(label)) {
                return Optional.of(context);
            }
        }
        return Optional.empty();
    }
}
