package org.opencdp.server.collector;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Serves the operator-provided tracardi-js bundle from {@code collector.tracker.directory} under
 * {@code /tracker/} (collector-api §9): cacheable for an hour, revalidated by ETag, and never outside that
 * directory.
 */
@Path("/tracker")
public final class TrackerScriptResource {

    private static final CacheControl CACHE = CacheControl.valueOf("public, max-age=3600");

    private final java.nio.file.Path directory;

    public TrackerScriptResource(String directory) {
        this.directory = Paths.get(directory).toAbsolutePath().normalize();
    }

    @GET
    public Response index(@Context Request request) throws IOException {
        return serve("index.html", request);
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file, @Context Request request) throws IOException {
        return serve(file, request);
    }

    private Response serve(String name, Request request) throws IOException {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.contains("..") || trimmed.contains("/") || trimmed.contains("\\")
                || trimmed.indexOf('\0') >= 0) {
            throw new NotFoundException();
        }
        java.nio.file.Path file = directory.resolve(trimmed).normalize();
        if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
            throw new NotFoundException();
        }
        EntityTag tag = new EntityTag(Long.toHexString(Files.getLastModifiedTime(file).toMillis()) + "-"
                + Long.toHexString(Files.size(file)));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.cacheControl(CACHE).build();
        }
        return Response.ok(Files.readAllBytes(file), contentType(trimmed)).tag(tag).cacheControl(CACHE).build();
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".js")) {
            return "application/javascript; charset=utf-8";
        }
        if (lower.endsWith(".map") || lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (lower.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
