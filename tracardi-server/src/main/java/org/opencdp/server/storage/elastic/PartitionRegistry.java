package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticsearch.client.Request;
import org.opencdp.server.config.StorageConfig.PartitioningConfig;
import org.opencdp.server.storage.TenantScope;

/**
 * Knows which physical indices exist and creates a partition before its first write (operations §3.1):
 * the writer never relies on auto-creation. A partition is created with an empty {@code PUT}, so the
 * kind's index template supplies mappings, settings and the read alias; the template must exist (the
 * migration puts it), else {@link ElasticSchemaException}. Creation is idempotent:
 * {@code resource_already_exists_exception} from a concurrent creator is success. Indices once seen are
 * cached for the life of the process; {@link #forget} drops one (after retention deleted it).
 */
public final class PartitionRegistry {

    private final ElasticHttp http;
    private final IndexNames names;
    private final PartitioningConfig partitioning;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Partition names by UTC day: every granularity starts on a UTC day, and each event asks for its index. */
    private final Map<PartitionDay, String> partitionNames = new ConcurrentHashMap<>();

    private record PartitionDay(TenantScope scope, IndexKind kind, long epochDay) {
    }

    private static final int MAX_CACHED_NAMES = 10_000;

    public PartitionRegistry(ElasticStore elastic, PartitioningConfig partitioning, ObjectMapper json) {
        this.http = new ElasticHttp(elastic.lowLevel(), json);
        this.names = elastic.names();
        this.partitioning = Objects.requireNonNull(partitioning, "partitioning");
    }

    public IndexNames names() {
        return names;
    }

    /** The physical index a document of this kind and time belongs to (the time is ignored for unpartitioned kinds). */
    public String indexFor(TenantScope scope, IndexKind kind, Instant time) {
        Optional<Partitioning> kindPartitioning = kind.partitioning(partitioning);
        if (kindPartitioning.isEmpty()) {
            return names.versioned(scope, kind);
        }
        Objects.requireNonNull(time, () -> "a " + kind.label() + " document needs a time to find its partition");
        PartitionDay day = new PartitionDay(scope, kind, Math.floorDiv(time.getEpochSecond(), 86_400L));
        String cached = partitionNames.get(day);
        if (cached != null) {
            return cached;
        }
        if (partitionNames.size() >= MAX_CACHED_NAMES) {
            partitionNames.clear(); // names are cheap to rebuild; this only bounds a long run over many tenants
        }
        String name = names.partition(scope, kind, kindPartitioning.get(), time.atZone(ZoneOffset.UTC));
        partitionNames.put(day, name);
        return name;
    }

    /** The physical index for this kind and time, created from its template first if it does not exist yet. */
    public String ensure(TenantScope scope, IndexKind kind, Instant time) {
        String index = indexFor(scope, kind, time);
        if (known.contains(index)) {
            return index;
        }
        if (!exists("/" + ElasticHttp.encode(index))) {
            String template = names.template(scope, kind);
            if (!exists("/_index_template/" + ElasticHttp.encode(template))) {
                throw new ElasticSchemaException("Elasticsearch index template " + template + " is missing, so index "
                        + index + " cannot be created");
            }
            create(index);
        }
        known.add(index);
        return index;
    }

    /** Whether this process has seen or created the index. */
    public boolean known(String index) {
        return known.contains(index);
    }

    /** The indices of this scope and kind this process has seen or created, sorted. */
    public Set<String> known(TenantScope scope, IndexKind kind) {
        String versioned = names.versioned(scope, kind);
        Set<String> result = new TreeSet<>();
        for (String index : known) {
            if (index.equals(versioned) || index.startsWith(versioned + ".")) {
                result.add(index);
            }
        }
        return result;
    }

    /** Drops an index from the cache, so the next write checks (and creates) it again. */
    public void forget(String index) {
        known.remove(index);
    }

    private void create(String index) {
        ElasticHttp.Reply reply = http.execute(new Request("PUT", "/" + ElasticHttp.encode(index)));
        if (reply.ok() || (reply.status() == 400 && "resource_already_exists_exception".equals(reply.errorType()))) {
            return;
        }
        throw reply.unexpected();
    }

    private boolean exists(String path) {
        ElasticHttp.Reply reply = http.execute(new Request("HEAD", path));
        if (reply.status() == 200) {
            return true;
        }
        if (reply.status() == 404) {
            return false;
        }
        throw reply.unexpected();
    }
}
