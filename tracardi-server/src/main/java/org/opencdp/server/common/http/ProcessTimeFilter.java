package org.opencdp.server.common.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Adds {@code X-Process-Time} (seconds spent, from {@link System#nanoTime()}) to every response and echoes
 * {@code X-Context} (collector-api §2.4). The time is set when the response is committed, so it covers the
 * work that produced the body.
 */
public final class ProcessTimeFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        long start = System.nanoTime();
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String context = request.getHeader("X-Context");
        if (context != null) {
            response.setHeader("X-Context", context);
        }
        chain.doFilter(req, new TimedResponse(response, start));
    }

    /** Stamps the elapsed time just before the first byte of the body is written. */
    private static final class TimedResponse extends HttpServletResponseWrapper {
        private final long start;
        private boolean stamped;

        TimedResponse(HttpServletResponse response, long start) {
            super(response);
            this.start = start;
        }

        private void stamp() {
            if (!stamped && !isCommitted()) {
                stamped = true;
                setHeader("X-Process-Time", String.format(Locale.ROOT, "%.4f", (System.nanoTime() - start) / 1e9));
            }
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
            stamp();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            stamp();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            stamp();
            super.flushBuffer();
        }

        @Override
        public void setStatus(int sc) {
            super.setStatus(sc);
            stamp();
        }
    }
}
