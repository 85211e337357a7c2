package org.opencdp.server.workflow.plugins.connectors;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The two HTTP clients of connector actions, created once: one that checks certificates and one for
 * {@code ssl_check: false}, which accepts any certificate chain (host names are still checked by the JDK).
 */
final class HttpClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final class Holder {
        static final HttpClient VERIFIED = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        static final HttpClient UNVERIFIED = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).sslContext(trustAll()).build();
    }

    private HttpClients() {
    }

    static HttpClient get(boolean checkCertificates) {
        return checkCertificates ? Holder.VERIFIED : Holder.UNVERIFIED;
    }

    private static SSLContext trustAll() {
        TrustManager acceptAll = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAll}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }
}
