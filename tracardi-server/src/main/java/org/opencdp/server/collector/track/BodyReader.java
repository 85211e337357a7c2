package org.opencdp.server.collector.track;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body up to a limit, decompressing {@code Content-Encoding: gzip} first so the limit
 * applies to what we would parse (collector-api §2.1). Stops reading as soon as the limit is passed.
 */
public final class BodyReader {

    private BodyReader() {
    }

    public static byte[] read(InputStream body, String contentEncoding, long maxBytes) throws IOException {
        InputStream in = body;
        if (contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("gzip")) {
            try {
                in = new GZIPInputStream(body);
            } catch (ZipException e) {
                throw RequestValidationException.at(java.util.List.of("body", 0), "JSON decode error", "json_invalid");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > maxBytes) {
                throw new PayloadTooLargeException("body larger than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
