package org.opencdp.server.storage;

import java.util.Objects;

/**
 * The tenant and context every storage operation runs in. Repositories take a scope on every method and
 * offer no unscoped query, so one tenant's data can never be read through another's request.
 */
public record TenantScope(Tenant tenant, DataContext context) {

    public TenantScope {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(context, "context");
    }

    public static TenantScope production(Tenant tenant) {
        return new TenantScope(tenant, DataContext.PRODUCTION);
    }

    public static TenantScope staging(Tenant tenant) {
        return new TenantScope(tenant, DataContext.STAGING);
    }

    public boolean production() {
        return context.production();
    }

    @Override
    public String toString() {
        return tenant + "/" + context.label();
    }
}
