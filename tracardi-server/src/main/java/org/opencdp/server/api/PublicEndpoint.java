package org.opencdp.server.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a private-API method that deliberately needs no token (login, install, version, public consent
 * lists). Every other private-API method must carry {@code @RolesAllowed} or {@code @PermitAll}; the
 * role refuses to start otherwise (see {@link RouteGuard}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicEndpoint {
}
