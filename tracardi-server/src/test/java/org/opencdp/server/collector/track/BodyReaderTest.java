package org.opencdp.server.collector.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private static final byte[] JSON = "{\"source\":{\"id\":\"x\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void gzipBodiesAreInflated() throws Exception {
        assertThat(BodyReader.read(new ByteArrayInputStream(gzip(JSON)), " GZIP ", 1000)).isEqualTo(JSON);
    }

    @Test
    void garbageSentAsGzipIsAnInvalidBodyNotAServerError() {
        invalidGzip(new ByteArrayInputStream("not gzip at all".getBytes(StandardCharsets.UTF_8)), "gzip");
    }

    @Test
    void aTruncatedGzipBodyIsInvalid() throws Exception {
        byte[] zipped = gzip(JSON);
        invalidGzip(new ByteArrayInputStream(Arrays.copyOf(zipped, zipped.length / 2)), "gzip");
    }

    @Test
    void aCorruptStreamInflatedByJettyIsInvalidToo() {
        // Jetty's GzipHandler inflates before the resource reads, drops the header and wraps the ZipException.
        InputStream inflatedByJetty = new InputStream() {
            @Override
            public int read() {
                throw new UncheckedIOException(new ZipException("invalid stored block lengths"));
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return read();
            }
        };
        invalidGzip(inflatedByJetty, null);
    }

    @Test
    void theRestOfAnOversizedBodyIsReadSoTheClientSeesThe413() {
        ByteArrayInputStream wire = new ByteArrayInputStream(new byte[3 * 1000]);
        assertThatThrownBy(() -> BodyReader.read(wire, null, 1000)).isInstanceOf(PayloadTooLargeException.class);
        assertThat(wire.available()).isZero();
    }

    @Test
    void aHugeBodyIsCutOffAfterTheDiscardLimit() {
        int huge = (int) BodyReader.MAX_DISCARDED_BYTES + 1_000_000;
        ByteArrayInputStream wire = new ByteArrayInputStream(new byte[huge]);
        assertThatThrownBy(() -> BodyReader.read(wire, null, 1000)).isInstanceOf(PayloadTooLargeException.class);
        assertThat(wire.available()).isPositive().isLessThan(huge - (int) BodyReader.MAX_DISCARDED_BYTES);
    }

    @Test
    void anOversizedInflatedBodyIsTooLarge() throws Exception {
        byte[] big = new byte[10_000];
        assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream(gzip(big)), "gzip", 1000))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    private static void invalidGzip(InputStream body, String encoding) {
        assertThatThrownBy(() -> BodyReader.read(body, encoding, 1000)).isInstanceOfSatisfying(RequestValidationException.class,
                e -> assertThat(e.detail()).isEqualTo(List.of(Map.of("loc", List.of("body", 0), "msg", "Invalid gzip body",
                        "type", "body_invalid"))));
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
