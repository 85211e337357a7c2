package org.opencdp.server.collector.track;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body up to a limit, decompressing {@code Content-Encoding: gzip} first so the limit
 * applies to what we would parse (collector-api §2.1). Stops reading as soon as the limit is passed.
 */
public final class BodyReader {

    /** How much of an oversized body is read and dropped before answering 413. */
    static final long MAX_DISCARDED_BYTES = 16L * 1024 * 1024;

    private BodyReader() {
    }

    /**
     * The body, decompressed, at most {@code maxBytes}. A corrupt or truncated gzip body is bad input (422
     * {@code body_invalid}, "Invalid gzip body"), whether this reader inflates it or Jetty's gzip handler did.
     */
    public static byte[] read(InputStream body, String contentEncoding, long maxBytes) throws IOException {
        boolean gzip = contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("gzip");
        try {
            return readAll(gzip ? new GZIPInputStream(body) : body, maxBytes, body);
        } catch (ZipException e) {
            throw invalidGzip();
        } catch (EOFException e) {
            if (gzip) {
                throw invalidGzip();
            }
            throw e;
        } catch (RuntimeException e) {
            // Jetty's GzipHandler inflates gzip request bodies itself (removing the header) and wraps a corrupt
            // stream's ZipException.
            if (causedByZip(e)) {
                throw invalidGzip();
            }
            throw e;
        }
    }

    /** A corrupt or truncated gzip body is bad input (422), not a server error. */
    public static RequestValidationException invalidGzip() {
        return RequestValidationException.at(List.of("body", 0), "Invalid gzip body", "body_invalid");
    }

    private static boolean causedByZip(Throwable error) {
        for (Throwable cause = error.getCause(); cause != null && cause != error; cause = cause.getCause()) {
            if (cause instanceof ZipException) {
                return true;
            }
            error = cause;
        }
        return false;
    }

    private static byte[] readAll(InputStream in, long maxBytes, InputStream wire) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > maxBytes) {
                discardRest(wire, buffer);
                throw new PayloadTooLargeException("body larger than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops what is left of an oversized body, up to {@link #MAX_DISCARDED_BYTES} of the wire. A server that
     * answers 413 while the client is still sending closes the connection under it, and the client then often sees a
     * reset instead of the 413 that names the problem. Bodies larger than that are cut off as before.
     */
    private static void discardRest(InputStream wire, byte[] buffer) {
        long discarded = 0;
        try {
            int read;
            while (discarded < MAX_DISCARDED_BYTES && (read = wire.read(buffer)) != -1) {
                discarded += read;
            }
        } catch (IOException | RuntimeException e) {
            // The client stopped sending or the stream is corrupt: the 413 goes out all the same.
        }
    }
}
