package org.opencdp.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.testing.PrivateApiFixture;

/**
 * A role locked to production collects in production: a source deployed from staging is accepted by the
 * collector at once, although the collector had cached its absence (the deploy invalidates the cache).
 */
class DeployCollectorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PrivateApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("cfgdeploycol", ConfigOverride.config("context.production", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void aDeployedSourceIsAcceptedByTheCollectorAtOnce() throws Exception {
        String id = "deploy-" + UUID.randomUUID().toString().substring(0, 8);
        // The locked API cannot write staging; the staging row is what a staging node would have written.
        new EventSourceDao(api.mysql().jdbi(), JSON, ConfigChangePublisher.NONE).upsert(
                TenantScope.staging(PrivateApiFixture.TENANT),
                EventSource.fromJson(JSON.readTree("{\"id\":\"" + id + "\",\"type\":[\"rest\"],\"name\":\"Deploy me\"}")));
        String track = "{\"source\":{\"id\":\"" + id + "\"},\"events\":[]}";
        assertThat(api.post("/track", null, track).statusCode()).isEqualTo(401);
        assertThat(api.post("/track", null, track).statusCode()).isEqualTo(401);

        String developer = api.tokenFor(ApiRoles.DEVELOPER);
        assertThat(api.get("/deploy/event_source/" + id, developer).body()).isEqualTo("{\"deployed\":true}");
        HttpResponse<String> accepted = api.post("/track", null, track);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(api.parse(api.get("/event-source/" + id, developer)).path("name").asText()).isEqualTo("Deploy me");

        assertThat(api.get("/undeploy/event_source/" + id, developer).statusCode()).isEqualTo(200);
        assertThat(api.post("/track", null, track).statusCode()).isEqualTo(401);
    }
}
