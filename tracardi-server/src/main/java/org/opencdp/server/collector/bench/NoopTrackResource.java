package org.opencdp.server.collector.bench;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.opencdp.server.collector.track.BodyReader;
import org.opencdp.server.collector.track.TrackPayload;
import org.opencdp.server.collector.track.TrackPayloadParser;
import org.opencdp.server.config.CollectorConfig;

/**
 * {@code POST /bench/noop}: the ceiling the collection benchmark compares {@code /track} with. It reads the
 * body exactly as {@code /track} does (same {@link BodyReader} limit, gzip included) and parses it with the
 * same {@link TrackPayloadParser}, then answers a small JSON; no source check, no identity, no queue. Only
 * registered when {@code collector.benchmarkEndpoint} is on, which it never is by default.
 */
@Path("/bench/noop")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public final class NoopTrackResource {

    private final TrackPayloadParser parser;
    private final CollectorConfig config;

    public NoopTrackResource(TrackPayloadParser parser, CollectorConfig config) {
        this.parser = parser;
        this.config = config;
    }

    @POST
    public Map<String, Object> post(InputStream body, @Context HttpServletRequest request) throws IOException {
        byte[] bytes = BodyReader.read(body, request.getHeader("Content-Encoding"), config.maxBodyBytes().bytes());
        TrackPayload payload = parser.parse(bytes);
        return Map.of("events", payload.events().size(), "source", payload.sourceId());
    }
}
