package org.opencdp.server.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.PrivateApiFixture;

/** {@code /install}, {@code /info/*}, settings and backend tests on the real stack (private-api §3.2, §5.1). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallAndInfoIT {

    private static final String TOKEN = "install-token-for-tests";
    private static PrivateApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("install", ConfigOverride.config("security.installationToken", TOKEN),
                ConfigOverride.config("compat.reportedVersion", "0.9.0-rc5"));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    @Order(1) // before the other tests create admins of their own
    void installCreatesTheFirstAdminExactlyOnceEvenWhenRacing() throws Exception {
        JsonNode before = api.parse(api.get("/install", null));
        assertThat(before.path("schema_ok").asBoolean()).isTrue();
        assertThat(before.path("admin_ok").asBoolean()).isFalse();
        assertThat(before.path("form_ok").asBoolean()).isTrue();

        HttpResponse<String> wrong = api.post("/install", null, "{\"username\":\"a@a.pl\",\"password\":\"a\",\"token\":\"nope\",\"needs_admin\":true}");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).isEqualTo("{\"detail\":\"Installation token is invalid.\"}");
        HttpResponse<String> badEmail = api.post("/install", null, "{\"username\":\"nope\",\"password\":\"a\",\"token\":\"" + TOKEN + "\"}");
        assertThat(badEmail.statusCode()).isEqualTo(422);
        assertThat(badEmail.body()).contains("username");

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<HttpResponse<String>>> racing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = "{\"username\":\"admin" + i + "@a.pl\",\"password\":\"a\",\"token\":\"" + TOKEN + "\",\"needs_admin\":true}";
            racing.add(pool.submit(() -> api.post("/install", null, body)));
        }
        int admins = 0;
        for (Future<HttpResponse<String>> future : racing) {
            HttpResponse<String> response = future.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = api.parse(response);
            assertThat(answer.get(0).path("context").asText()).isEqualTo("staging");
            assertThat(answer.get(1).path("context").asText()).isEqualTo("production");
            admins += answer.get(0).path("admin").asBoolean() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(admins).isEqualTo(1);
        assertThat(api.parse(api.get("/install", null)).path("admin_ok").asBoolean()).isTrue();
        int loggedIn = 0;
        for (int i = 0; i < 3; i++) {
            try {
                JsonNode account = api.parse(api.get("/user-account", api.login("admin" + i + "@a.pl", "a")));
                assertThat(account.path("roles").toString()).isEqualTo("[\"admin\",\"maintainer\"]");
                loggedIn++;
            } catch (IllegalStateException refused) {
                // only one of the racing installs created its admin
            }
        }
        assertThat(loggedIn).isEqualTo(1);
    }

    @Test
    void versionAndDetailsArePublic() throws Exception {
        assertThat(api.get("/info/version", null).body()).isEqualTo("\"0.9.0-rc5\"");
        JsonNode details = api.parse(api.get("/info/version/details", null));
        assertThat(details.path("version").asText()).isEqualTo("0.9.0-rc5");
        assertThat(details.path("upgrades").isArray()).isTrue();
        assertThat(api.parse(api.get("/", null)).path("installed").has("schema")).isTrue();
    }

    @Test
    void settingsListEffectiveValuesWithoutSecrets() throws Exception {
        String admin = api.tokenFor(ApiRoles.ADMIN);
        String marketer = api.tokenFor(ApiRoles.MARKETER);
        HttpResponse<String> system = api.get("/system/settings", admin);
        assertThat(system.statusCode()).isEqualTo(200);
        assertThat(system.body()).contains("TRACK_DEBUG").doesNotContain(TOKEN).doesNotContain("integration-test-salt");
        assertThat(api.get("/system/settings", marketer).statusCode()).isEqualTo(403);
        assertThat(api.get("/settings", marketer).statusCode()).isEqualTo(200);
        JsonNode repeats = api.parse(api.get("/setting/SYNC_PROFILE_TRACKS_MAX_REPEATS", marketer));
        assertThat(repeats.path("value").asInt()).isEqualTo(10);
        assertThat(api.parse(api.get("/setting/TRACK_DEBUG", marketer)).path("value").asBoolean()).isTrue();
        HttpResponse<String> unknown = api.get("/setting/NO_SUCH_SETTING", marketer);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("null");
    }

    @Test
    void serverTimeAndBackendTests() throws Exception {
        String admin = api.tokenFor(ApiRoles.ADMIN);
        assertThat(api.get("/debug/server/time", admin).body()).matches("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00\"");
        for (String backend : List.of("redis", "elasticsearch", "mysql", "queue")) {
            HttpResponse<String> response = api.get("/test/" + backend, admin);
            assertThat(response.statusCode()).as(backend + ": " + response.body()).isEqualTo(200);
            assertThat(api.parse(response).path("status").asText()).isEqualTo("ok");
        }
        assertThat(api.get("/test/redis", api.tokenFor(ApiRoles.MARKETER)).statusCode()).isEqualTo(403);
        assertThat(api.get("/test/nothing", admin).statusCode()).isEqualTo(404);
    }
}
