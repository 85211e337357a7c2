package org.opencdp.server.collector.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.opencdp.server.collector.track.Admission;
import org.opencdp.server.collector.track.BodyReader;
import org.opencdp.server.collector.track.RequestInfo;
import org.opencdp.server.collector.track.RequestValidationException;
import org.opencdp.server.collector.track.TrackPayload;
import org.opencdp.server.collector.track.TrackService;
import org.opencdp.server.common.http.ErrorBody;
import org.opencdp.server.config.CollectorConfig;
import org.opencdp.server.source.EndpointKind;
import org.opencdp.server.source.SourceRejectedException;
import org.opencdp.server.storage.TenantScope;

/**
 * {@code GET|POST /collect/{event_type}/{source_id}[/{session_id}]} (collector-api §5): one event of
 * {@code event_type} from a {@code webhook} source, its properties taken from the query string or the body
 * ({@link WebhookPayloads}), tracked through the {@code /track} pipeline and answered with the {@code /track}
 * result once the worker has processed it (or the identity-only answer after the await timeout). Checks run in
 * the order of {@code /track}: admission (503), size (413), source and bot (401).
 */
@Path("/collect/{event_type}/{source_id}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public final class WebhookResource {

    /** Same wording as {@code /track}'s back-pressure answer. */
    static final String BUSY = "Server busy, retry later";

    private final TrackService service;
    private final Admission admission;
    private final CollectorConfig config;
    private final TenantScope scope;
    private final Executor responder;
    private final WebhookBridge bridge;
    private final WebhookPayloads payloads;

    public WebhookResource(TrackService service, Admission admission, CollectorConfig config, TenantScope scope,
                           Executor responder, WebhookBridge bridge, ObjectMapper json) {
        this.service = service;
        this.admission = admission;
        this.config = config;
        this.scope = scope;
        this.responder = responder;
        this.bridge = bridge;
        this.payloads = new WebhookPayloads(json);
    }

    @GET
    public void get(@PathParam("event_type") String eventType, @PathParam("source_id") String sourceId,
                    @Context HttpServletRequest request, @Suspended AsyncResponse response) {
        collect(eventType, sourceId, null, null, request, response);
    }

    @GET
    @Path("{session_id}")
    public void getWithSession(@PathParam("event_type") String eventType, @PathParam("source_id") String sourceId,
                               @PathParam("session_id") String sessionId, @Context HttpServletRequest request,
                               @Suspended AsyncResponse response) {
        collect(eventType, sourceId, sessionId, null, request, response);
    }

    @POST
    public void post(InputStream body, @PathParam("event_type") String eventType, @PathParam("source_id") String sourceId,
                     @Context HttpServletRequest request, @Suspended AsyncResponse response) {
        collect(eventType, sourceId, null, body, request, response);
    }

    @POST
    @Path("{session_id}")
    public void postWithSession(InputStream body, @PathParam("event_type") String eventType,
                                @PathParam("source_id") String sourceId, @PathParam("session_id") String sessionId,
                                @Context HttpServletRequest request, @Suspended AsyncResponse response) {
        collect(eventType, sourceId, sessionId, body, request, response);
    }

    /** Jersey would otherwise run the GET for a HEAD and track an event; HEAD is not a webhook method. */
    @HEAD
    public Response head() {
        throw new NotAllowedException(Response.status(405).allow("GET", "POST", "OPTIONS").build());
    }

    @HEAD
    @Path("{session_id}")
    public Response headWithSession() {
        throw new NotAllowedException(Response.status(405).allow("GET", "POST", "OPTIONS").build());
    }

    /** @param body the request body for a POST, null for a GET */
    private void collect(String eventType, String sourceId, String sessionId, InputStream body, HttpServletRequest request,
                         AsyncResponse response) {
        Optional<Admission.Refusal> refusal = admission.tryAdmit();
        if (refusal.isPresent()) {
            response.resume(Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Retry-After", refusal.get().retryAfterSeconds()).entity(new ErrorBody(BUSY)).build());
            return;
        }
        try {
            ObjectNode properties = body == null ? payloads.fromQuery(request.getQueryString())
                    : payloads.fromBody(read(body, request), request.getHeader("Content-Type"));
            TrackPayload payload = payloads.payload(eventType, sourceId, sessionId, properties);
            boolean withSession = sessionId != null;
            service.track(scope, EndpointKind.WEBHOOK, payload, RequestInfo.of(request, config.clientIpHeader()),
                            !withSession, true, bridge.forRoute(withSession))
                    .whenCompleteAsync((answer, error) -> {
                        admission.release();
                        if (error != null) {
                            response.resume(error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause() : error);
                        } else if (answer == null) {
                            response.resume(Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build());
                        } else {
                            response.resume(Response.status(answer.hasErrors() ? 226 : 200).entity(answer.body()).build());
                        }
                    }, responder);
        } catch (SourceRejectedException | TrackService.BotRejectedException e) {
            admission.release();
            response.resume(Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(e.getMessage())).build());
        } catch (Exception | Error e) {
            admission.release();
            response.resume(e);
        }
    }

    /** The body, at most {@code collector.maxBodyBytes} after gzip decompression (413 beyond, 422 when corrupt). */
    private byte[] read(InputStream body, HttpServletRequest request) throws IOException {
        return BodyReader.read(body, request.getHeader("Content-Encoding"), config.maxBodyBytes().bytes());
    }
}
