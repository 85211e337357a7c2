package org.opencdp.server.collector.track;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.opencdp.server.common.http.ErrorBody;
import org.opencdp.server.config.CollectorConfig;
import org.opencdp.server.config.FlagDeserializer;
import org.opencdp.server.source.SourceRejectedException;
import org.opencdp.server.storage.TenantScope;

/**
 * {@code POST /track} and {@code PUT /track} (collector-api §3, §4). The body is parsed as JSON whatever
 * its content type; {@code POST} answers with the worker's result (or the identity-only answer after the
 * await timeout), {@code PUT} as soon as the broker has the batch. Request threads are released while a
 * {@code POST} awaits its result; a {@code PUT} waits on its request thread for the broker's acknowledgement only.
 */
@Path("/track")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public final class TrackResource {

    private final TrackService service;
    private final TrackPayloadParser parser;
    private final Admission admission;
    private final CollectorConfig config;
    private final TenantScope scope;
    private final Executor responder;

    public TrackResource(TrackService service, TrackPayloadParser parser, Admission admission, CollectorConfig config,
                         TenantScope scope, Executor responder) {
        this.service = service;
        this.parser = parser;
        this.admission = admission;
        this.config = config;
        this.scope = scope;
        this.responder = responder;
    }

    /** Answers once the worker processed the batch (or the await timed out), without holding a request thread meanwhile. */
    @POST
    public void post(InputStream body, @QueryParam("profile_less") String profileLess, @Context HttpServletRequest request,
                     @Suspended AsyncResponse response) {
        Optional<Admission.Refusal> refusal = admission.tryAdmit();
        if (refusal.isPresent()) {
            response.resume(busy(refusal.get().retryAfterSeconds()));
            return;
        }
        try {
            submit(body, profileLess, request, true).whenCompleteAsync((answer, error) -> {
                admission.release();
                if (error != null) {
                    response.resume(unwrap(error));
                } else {
                    response.resume(answer(answer));
                }
            }, responder);
        } catch (SourceRejectedException | TrackService.BotRejectedException e) {
            admission.release();
            response.resume(unauthorized(e.getMessage()));
        } catch (Exception | Error e) {
            admission.release();
            response.resume(e);
        }
    }

    /**
     * Answers on the request thread: it waits only for the broker's acknowledgement, which {@code queue.sendTimeout}
     * bounds, and a synchronous answer costs less than suspending and resuming the request.
     */
    @PUT
    public Response put(InputStream body, @QueryParam("profile_less") String profileLess, @Context HttpServletRequest request)
            throws IOException {
        Optional<Admission.Refusal> refusal = admission.tryAdmit();
        if (refusal.isPresent()) {
            return busy(refusal.get().retryAfterSeconds());
        }
        try {
            return answer(submit(body, profileLess, request, false).join());
        } catch (SourceRejectedException | TrackService.BotRejectedException e) {
            return unauthorized(e.getMessage());
        } catch (CompletionException e) {
            throw unchecked(unwrap(e));
        } finally {
            admission.release();
        }
    }

    /** Reads and parses the body and hands the batch to the service; the future completes as {@link TrackService#track}'s. */
    private CompletableFuture<TrackResult.Answer> submit(InputStream body, String profileLess, HttpServletRequest request,
                                                         boolean await) throws IOException, SourceRejectedException {
        byte[] bytes = BodyReader.read(body, request.getHeader("Content-Encoding"), config.maxBodyBytes().bytes());
        TrackPayload payload = parser.parse(bytes);
        boolean isProfileLess = profileLess != null && Boolean.TRUE.equals(FlagDeserializer.parse(profileLess));
        return service.track(scope, payload, RequestInfo.of(request, config.clientIpHeader()), isProfileLess, await);
    }

    /** The answer to an accepted batch: {@code null} for an empty one, 226 when the worker reported errors. */
    private static Response answer(TrackResult.Answer answer) {
        if (answer == null) {
            return Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.status(answer.hasErrors() ? 226 : 200).entity(answer.body()).build();
    }

    private static Response unauthorized(String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }

    private static RuntimeException unchecked(Throwable error) {
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new CompletionException(error);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause;
    }

    static Response busy(int retryAfterSeconds) {
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", retryAfterSeconds)
                .entity(new ErrorBody(CollectorExceptionMappers.BUSY)).build();
    }
}
