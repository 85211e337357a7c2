package org.opencdp.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.opencdp.server.bench.CollectionBenchmark.Bulk;
import org.opencdp.server.bench.CollectionBenchmark.Settings;
import org.opencdp.server.storage.elastic.ElasticStore;

/** The raw {@code _bulk} ceiling of the collection benchmark: the event documents the pipeline stored, re-sent as fast as Elasticsearch takes them. */
final class RawBulkCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchStack stack;
    private final Settings settings;
    private final Cpu cpu;
    private final PrintStream out;

    RawBulkCeiling(BenchStack stack, Settings settings, Cpu cpu, PrintStream out) {
        this.stack = stack;
        this.settings = settings;
        this.cpu = cpu;
        this.out = out;
    }

    /**
     * Takes 2 000 of the event documents the pipeline stored, creates a scratch index with the settings
     * and mapping the event template gives a partition (without the alias), and bulk-indexes the documents
     * into it, each round under fresh ids, with {@code bulkConcurrency} requests of {@code bulkDocs} documents in
     * flight, through a client built like the application's ({@link ElasticStore#connect}).
     */
    Bulk measure() throws Exception {
        stack.esSend("POST", "/" + stack.eventIndices() + "/_refresh", null);
        // 2 000 documents: a bigger answer trips the circuit breaker of a small Elasticsearch heap.
        HttpResponse<String> search = stack.esSend("POST", "/" + stack.eventIndices() + "/_search", "{\"size\":2000,\"query\":{\"match_all\":{}}}");
        JsonNode hits = JSON.readTree(search.body()).path("hits").path("hits");
        List<byte[]> sources = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : hits) {
            sources.add(JSON.writeValueAsBytes(hit.path("_source")));
            ids.add(hit.path("_id").asText());
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("no event documents to bulk: " + search.statusCode() + " "
                    + search.body().substring(0, Math.min(500, search.body().length())));
        }
        String versioned = stack.namespace().indexPrefix() + ".default.prod.event.v1";
        JsonNode simulated = JSON.readTree(stack.esSend("POST", "/_index_template/_simulate_index/" + versioned + ".benchraw", null)
                .body()).path("template");
        ObjectNode create = JSON.createObjectNode();
        create.set("settings", simulated.path("settings"));
        create.set("mappings", simulated.path("mappings"));
        String scratch = stack.namespace().indexPrefix() + ".benchraw-event";
        HttpResponse<String> created = stack.esSend("PUT", "/" + scratch, JSON.writeValueAsString(create));
        if (created.statusCode() != 200) {
            throw new IllegalStateException("scratch index: " + created.statusCode() + " " + created.body());
        }
        long sourceBytes = 0;
        for (byte[] source : sources) {
            sourceBytes += source.length;
        }
        ElasticStore store = ElasticStore.connect(stack.configuration().elastic());
        RestClient client = store.lowLevel();
        AtomicLong docs = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong round = new AtomicLong();
        int perRequest = settings.bulkDocs();
        Cpu.Mark mark = cpu.mark();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(settings.phaseSeconds()).toNanos();
        AtomicLong lastAnswer = new AtomicLong(start);
        ExecutorService senders = Executors.newFixedThreadPool(settings.bulkConcurrency());
        try {
            List<Future<?>> lanes = new ArrayList<>();
            for (int lane = 0; lane < settings.bulkConcurrency(); lane++) {
                lanes.add(senders.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long r = round.getAndIncrement();
                        ByteArrayOutputStream body = new ByteArrayOutputStream(perRequest * 4096);
                        for (int i = 0; i < perRequest; i++) {
                            int at = (int) ((r * perRequest + i) % sources.size());
                            String action = "{\"index\":{\"_index\":\"" + scratch + "\",\"_id\":\"" + ids.get(at) + "-"
                                    + (r * perRequest + i) + "\"}}\n";
                            body.writeBytes(action.getBytes(StandardCharsets.UTF_8));
                            body.writeBytes(sources.get(at));
                            body.write('\n');
                        }
                        Request request = new Request("POST", "/_bulk");
                        byte[] payload = body.toByteArray();
                        request.setEntity(new ByteArrayEntity(payload, ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
                        Response response = client.performRequest(request);
                        JsonNode answer = JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
                        long failed = 0;
                        if (answer.path("errors").asBoolean()) {
                            for (JsonNode item : answer.path("items")) {
                                if (item.path("index").path("status").asInt() >= 300) {
                                    failed++;
                                }
                            }
                        }
                        docs.addAndGet(perRequest - failed);
                        rejected.addAndGet(failed);
                        bytes.addAndGet(payload.length);
                        lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                    return null;
                }));
            }
            for (Future<?> lane : lanes) {
                lane.get();
            }
        } finally {
            senders.shutdownNow();
            store.close();
        }
        Bulk bulk = new Bulk(docs.get(), rejected.get(), (lastAnswer.get() - start) / 1e9, sources.size(), bytes.get(),
                mark.machine(), mark.backends());
        out.printf(Locale.ROOT, "raw _bulk: %d docs in %.1f s = %.0f docs/s (%d in flight x %d docs, %d distinct documents "
                        + "of %.1f KiB average, %d rejected; cpu machine %.0f%%)%n", bulk.docs(), bulk.seconds(), bulk.docsPerSecond(),
                settings.bulkConcurrency(), perRequest, bulk.sourceDocs(), sourceBytes / 1024.0 / sources.size(), bulk.rejected(),
                bulk.machineCpu());
        return bulk;
    }
}
