package org.opencdp.server.collector.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * CORS of the collection endpoints (collector-api §2.3, D18). The request's origin is echoed with
 * credentials allowed, because tracardi-js sends {@code sendBeacon} requests that browsers always send
 * with credentials; the collector never reads or sets cookies, so this grants a page nothing. Preflights
 * are answered here, before any tenant, source or installation check can fail them, and the headers go on
 * every response, errors included.
 */
public final class CollectorCorsFilter implements Filter {

    static final String ALLOWED_METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
    static final String EXPOSED_HEADERS = "X-Process-Time, X-Context, Retry-After";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.isBlank()) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.addHeader("Vary", "Origin");
        } else {
            response.setHeader("Access-Control-Allow-Origin", "*");
        }
        response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        if (isPreflight(request)) {
            response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
            String requested = request.getHeader("Access-Control-Request-Headers");
            if (requested != null && !requested.isBlank()) {
                response.setHeader("Access-Control-Allow-Headers", requested);
            }
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/plain");
            byte[] body = "OK".getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(req, res);
    }

    private static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equalsIgnoreCase(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
    }
}
