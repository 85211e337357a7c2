package org.opencdp.server.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Locale;
import org.opencdp.server.storage.DataContext;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

/**
 * Chooses the tenant and context of each private-API request (private-api §6) and echoes {@code X-Context}.
 * A role configured with {@code context.production: yes} is locked to production and ignores the header;
 * otherwise {@code X-Context: production|staging} switches per request and any other value keeps the default.
 * Resources read the result with {@link #of(ContainerRequestContext)}.
 */
@PreMatching
public final class RequestScope implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Context";
    private static final String PROPERTY = RequestScope.class.getName();

    private final Tenant tenant;
    private final boolean locked;
    private final DataContext defaultContext;

    public RequestScope(Tenant tenant, boolean lockedToProduction) {
        this.tenant = tenant;
        this.locked = lockedToProduction;
        this.defaultContext = lockedToProduction ? DataContext.PRODUCTION : DataContext.STAGING;
    }

    /** The scope chosen for this request by the filter. */
    public static TenantScope of(ContainerRequestContext request) {
        Object scope = request.getProperty(PROPERTY);
        if (scope instanceof TenantScope tenantScope) {
            return tenantScope;
        }
        throw new IllegalStateException("RequestScope filter is not registered");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, new TenantScope(tenant, choose(request.getHeaderString(HEADER))));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object scope = request.getProperty(PROPERTY);
        if (scope instanceof TenantScope tenantScope) {
            response.getHeaders().putSingle(HEADER, tenantScope.production() ? "production" : "staging");
        }
    }

    DataContext choose(String header) {
        if (locked || header == null) {
            return defaultContext;
        }
        return switch (header.trim().toLowerCase(Locale.ROOT)) {
            case "production" -> DataContext.PRODUCTION;
            case "staging" -> DataContext.STAGING;
            default -> defaultContext;
        };
    }
}
