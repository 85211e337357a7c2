package org.opencdp.server.collector.track;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the collector keeps of the HTTP request (collector-api §3.5): headers with lower-cased names but
 * never {@code authorization} or {@code cookie}, and the client address.
 */
public record RequestInfo(Map<String, String> headers, String clientIp) {

    private static final Set<String> NEVER_STORED = Set.of("authorization", "cookie");

    public static RequestInfo of(HttpServletRequest request, String clientIpHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String key = name.toLowerCase(Locale.ROOT);
            if (!NEVER_STORED.contains(key)) {
                headers.put(key, String.join(", ", Collections.list(request.getHeaders(name))));
            }
        }
        String ip = request.getRemoteAddr();
        if (clientIpHeader != null && !clientIpHeader.isBlank()) {
            String forwarded = request.getHeader(clientIpHeader);
            if (forwarded != null && !forwarded.isBlank()) {
                ip = forwarded.split(",")[0].trim();
            }
        }
        return new RequestInfo(headers, ip);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
