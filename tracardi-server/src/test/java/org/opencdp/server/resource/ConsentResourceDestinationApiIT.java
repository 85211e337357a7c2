package org.opencdp.server.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.PrivateApiFixture;

/** Consent types, resources (credentials encrypted at rest) and destinations (private-api §3.11, §3.12). */
class ConsentResourceDestinationApiIT {

    private static final String CONSENT = "{\"name\":\"test-name\",\"description\":\"test-description\",\"revokable\":true,"
            + "\"default_value\":\"grant\",\"enabled\":true,\"tags\":[\"tag1\",\"tag2\",\"tag3\"],\"required\":true,\"auto_revoke\":\"15m\"}";

    @RegisterExtension
    static final PrivateApiFixture api = PrivateApiFixture.forClass("cfgres");

    @Test
    void consentTypes() throws Exception {
        assertThat(api.post("/consent/type", api.marketer(), CONSENT).body())
                .isEqualTo("{\"saved\":1,\"errors\":[],\"ids\":[\"test-name\"]}");
        HttpResponse<String> bad = api.post("/consent/type", api.marketer(), "{\"name\":\"test-name\",\"revokable\":false,"
                + "\"default_value\":\"incorrect_data\",\"auto_revoke\":\"incorrect_data\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        JsonNode detail = api.parse(bad).path("detail");
        assertThat(detail.get(0).path("loc").get(1).asText()).isEqualTo("default_value");
        assertThat(detail.get(1).path("loc").get(1).asText()).isEqualTo("auto_revoke");
        HttpResponse<String> noDuration = api.post("/consent/type", api.marketer(), "{\"name\":\"x\",\"revokable\":true}");
        assertThat(api.parse(noDuration).path("detail").get(0).path("loc").get(1).asText()).isEqualTo("auto_revoke");

        assertThat(api.parse(api.get("/consent/type/test-name", api.marketer())).path("id").asText()).isEqualTo("test-name");
        JsonNode byTag = api.parse(api.get("/consents/type/by_tag", api.tokenFor(ApiRoles.MAINTAINER)));
        assertThat(byTag.path("total").asInt()).isEqualTo(1);
        JsonNode expected = api.json().readTree(CONSENT);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("id", "test-name");
        assertThat(byTag.path("grouped").path("tag1").get(0)).isEqualTo(expected);
        assertThat(byTag.path("grouped").path("tag3").get(0)).isEqualTo(expected);
        assertThat(api.parse(api.get("/consents/type", api.marketer())).path("result").get(0).path("id").asText()).isEqualTo("test-name");

        api.post("/consent/type", api.marketer(), "{\"id\":\"off\",\"name\":\"Off\",\"enabled\":false,\"default_value\":\"deny\"}");
        HttpResponse<String> enabled = api.get("/consents/type/enabled", null);
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(api.parse(enabled).path("total").asInt()).isEqualTo(1);
        assertThat(api.parse(enabled).path("result").get(0).path("enabled").asBoolean()).isTrue();
        assertThat(api.get("/consents/type/ids", null).body()).isEqualTo("{\"total\":2,\"result\":[\"off\",\"test-name\"]}");
        assertThat(api.get("/consents/type/by_tag", null).statusCode()).isEqualTo(401);
        assertThat(api.put("/consents/type/refresh", api.marketer(), "").statusCode()).isEqualTo(200);
        assertThat(api.get("/consents/type", api.tokenFor(ApiRoles.MAINTAINER)).statusCode()).isEqualTo(403);

        assertThat(api.delete("/consent/type/test-name", api.marketer()).body()).isEqualTo("{\"deleted\":1}");
        HttpResponse<String> again = api.delete("/consent/type/test-name", api.marketer());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("{\"deleted\":0}");
        assertThat(api.get("/consent/type/test-name", api.marketer()).body()).isEqualTo("null");
    }

    @Test
    void resourcesAreEncryptedAtRestAndReadBackDecrypted() throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"timestamp\":\"2022-01-01T00:00:00\",\"type\":\"mysql\",\"name\":\"Test\","
                + "\"credentials\":{\"production\":{\"password\":\"s3cret-prod\"},\"test\":{\"password\":\"s3cret-test\"}}}";
        assertThat(api.post("/resource", api.developer(), body).body()).isEqualTo("{\"saved\":1,\"errors\":[],\"ids\":[\"" + id + "\"]}");
        String raw = api.mysql().jdbi().withHandle(h -> h.createQuery("SELECT data FROM resource WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(raw).doesNotContain("s3cret").contains("aesgcm:v1:");
        JsonNode read = api.parse(api.get("/resource/" + id, api.developer()));
        assertThat(read.path("credentials").path("production").path("password").asText()).isEqualTo("s3cret-prod");
        assertThat(read.path("credentials").path("test").path("password").asText()).isEqualTo("s3cret-test");
        assertThat(api.get("/resources/refresh", api.developer()).statusCode()).isEqualTo(200);
        assertThat(api.get("/resources/flash", api.developer()).statusCode()).isEqualTo(200);

        assertThat(api.get("/resource/" + id + "/enabled/off", api.developer()).body())
                .isEqualTo("{\"saved\":1,\"errors\":[],\"ids\":[\"" + id + "\"]}");
        read = api.parse(api.get("/resource/" + id, api.developer()));
        assertThat(read.path("enabled").asBoolean()).isFalse();
        assertThat(read.path("credentials").path("production").path("password").asText()).isEqualTo("s3cret-prod");
        api.get("/resource/" + id + "/enabled/on", api.developer());
        assertThat(api.parse(api.get("/resource/" + id, api.developer())).path("enabled").asBoolean()).isTrue();

        // The Python SDK 0.6 body.
        String sdkId = UUID.randomUUID().toString();
        HttpResponse<String> sdk = api.post("/resource", api.developer(), "{\"id\":\"" + sdkId + "\",\"type\":\"api\",\"name\":\"SDK\","
                + "\"config\":{\"url\":\"http://x\"},\"tags\":\"sdk\",\"enabled\":true,\"consent\":false}");
        assertThat(api.parse(sdk).path("ids").size()).isEqualTo(1);
        JsonNode sdkRead = api.parse(api.get("/resource/" + sdkId, api.developer()));
        assertThat(sdkRead.path("credentials").path("test").path("url").asText()).isEqualTo("http://x");
        assertThat(sdkRead.path("tags").toString()).isEqualTo("[\"sdk\"]");

        assertThat(api.parse(api.get("/resources", api.developer())).path("total").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(api.parse(api.get("/resources/by_type", api.developer())).path("grouped").has("general")).isTrue();
        assertThat(api.parse(api.get("/resources/type/name", api.developer())).path("result").path("mysql").asText()).isEqualTo("MySQL");
        assertThat(api.parse(api.get("/resources/type/configuration", api.developer())).path("total").asInt()).isGreaterThan(2);
        assertThat(api.parse(api.get("/resources/entity/tag/sdk", api.developer())).path("total").asInt()).isEqualTo(1);
        assertThat(api.post("/resource", api.developer(), "{\"name\":\"no type\"}").statusCode()).isEqualTo(422);
        assertThat(api.get("/resource/" + id, api.marketer()).statusCode()).isEqualTo(403);

        assertThat(api.delete("/resource/" + id, api.developer()).statusCode()).isEqualTo(200);
        HttpResponse<String> missing = api.get("/resource/" + id, api.developer());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("null");
        assertThat(api.get("/resource/" + id + "/enabled/on", api.developer()).statusCode()).isEqualTo(404);
        assertThat(api.delete("/resource/" + sdkId, api.developer()).statusCode()).isEqualTo(200);
    }

    @Test
    void destinationsAreReturnedAsPosted() throws Exception {
        assertThat(api.get("/destinations", api.developer()).body()).isEqualTo("{\"total\":0,\"result\":[]}");
        String destination = "{\"id\":\"%s\",\"name\":\"test-destination\",\"description\":\"\",\"condition\":\"payload@a==1\","
                + "\"mapping\":{},\"destination\":{\"package\":\"package\",\"form\":{},\"init\":{\"a\":1}},\"enabled\":true,"
                + "\"resource\":{\"id\":\"abc\"},\"tags\":[\"tag1\",\"tag2\"]}";
        assertThat(api.post("/destination", api.developer(), destination.formatted("id1")).statusCode()).isEqualTo(200);
        assertThat(api.post("/destination", api.developer(), destination.formatted("id2")).statusCode()).isEqualTo(200);
        assertThat(api.parse(api.get("/destination/id1", api.developer()))).isEqualTo(api.json().readTree(destination.formatted("id1")));
        JsonNode list = api.parse(api.get("/destinations", api.developer()));
        assertThat(list.path("total").asInt()).isEqualTo(2);
        JsonNode byTag = api.parse(api.get("/destinations/by_tag", api.developer()));
        assertThat(byTag.path("grouped").fieldNames()).toIterable().containsExactly("tag1", "tag2");

        assertThat(api.post("/destination", api.developer(), "{}").statusCode()).isEqualTo(422);
        HttpResponse<String> badCondition = api.post("/destination", api.developer(), "{\"id\":\"abc\",\"name\":\"test-destination\","
                + "\"description\":\"\",\"condition\":\"incorrect\",\"destination\":{\"package\":\"package\"},\"enabled\":true,"
                + "\"resource\":{\"id\":\"abc\"}}");
        assertThat(badCondition.statusCode()).isEqualTo(422);
        assertThat(api.parse(badCondition).path("detail").get(0).path("loc").get(1).asText()).isEqualTo("condition");
        assertThat(api.delete("/destination/abc", api.developer()).statusCode()).isEqualTo(404);
        assertThat(api.post("/destination", api.developer(), "{\"name\":\"x\",\"destination\":{\"package\":\"p\"},\"resource\":{}}")
                .statusCode()).isEqualTo(422);

        String resource = "{\"id\":\"res1\",\"timestamp\":\"2022-01-01\",\"type\":\"http\",\"name\":\"res1\",\"credentials\":{},"
                + "\"destination\":{\"package\":\"tracardi.process_engine.destination.http_connector.HttpConnector\",\"init\":{},\"form\":{}}}";
        assertThat(api.post("/resource", api.developer(), resource).statusCode()).isEqualTo(200);
        JsonNode entities = api.parse(api.get("/destinations/entity", api.developer()));
        assertThat(entities.path("res1").path("destination").path("package").asText())
                .isEqualTo("tracardi.process_engine.destination.http_connector.HttpConnector");
        JsonNode types = api.parse(api.get("/destinations/type", api.developer()));
        assertThat(types.has("tracardi.process_engine.destination.http_connector.HttpConnector")).isTrue();
        assertThat(types.has("tracardi.process_engine.destination.mautic_connector.MauticConnector")).isTrue();
        assertThat(types.has("total")).isFalse();
        assertThat(api.get("/destinations", api.marketer()).statusCode()).isEqualTo(403);

        assertThat(api.delete("/destination/id1", api.developer()).statusCode()).isEqualTo(200);
        assertThat(api.delete("/destination/id2", api.developer()).statusCode()).isEqualTo(200);
        HttpResponse<String> missing = api.get("/destination/missing-id", api.developer());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("null");
        assertThat(api.delete("/destination/missing-id", api.developer()).statusCode()).isEqualTo(404);
    }
}
