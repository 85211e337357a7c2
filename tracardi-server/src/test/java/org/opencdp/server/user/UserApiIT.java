package org.opencdp.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.PrivateApiFixture;

/** Users, the own account and preferences over HTTP on the real stack (private-api §3.1). */
class UserApiIT {

    private static PrivateApiFixture api;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("users");
        admin = api.tokenFor(ApiRoles.ADMIN, ApiRoles.MAINTAINER);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void anAdminCreatesReadsUpdatesAndDeletesAUser() throws Exception {
        HttpResponse<String> created = api.post("/user", admin,
                "{\"email\":\"new.user@example.com\",\"password\":\"pw-1\",\"name\":\"New\",\"roles\":[\"marketer\"],\"disabled\":false}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode saved = api.parse(created);
        assertThat(saved.path("saved").asInt()).isEqualTo(1);
        String id = saved.path("ids").get(0).asText();

        JsonNode user = api.parse(api.get("/user/" + id, admin));
        assertThat(user.path("email").asText()).isEqualTo("new.user@example.com");
        assertThat(user.has("password")).isFalse();
        assertThat(api.get("/users", admin).body()).contains("new.user@example.com").doesNotContain("$2");

        String token = api.login("new.user@example.com", "pw-1");
        assertThat(api.get("/user-account", token).statusCode()).isEqualTo(200);
        assertThat(api.get("/users", token).statusCode()).isEqualTo(403);

        HttpResponse<String> updated = api.post("/user/" + id, admin,
                "{\"email\":\"new.user@example.com\",\"name\":\"Renamed\",\"roles\":[\"developer\"],\"enabled\":true}");
        assertThat(updated.body()).isEqualTo("{\"inserted\":1}");
        // A role change revokes the user's tokens; the unchanged password still works.
        assertThat(api.get("/user-account", token).statusCode()).isEqualTo(401);
        String again = api.login("new.user@example.com", "pw-1");
        assertThat(api.parse(api.get("/user-account", again)).path("roles").get(0).asText()).isEqualTo("developer");

        assertThat(api.delete("/user/" + id, admin).body()).isEqualTo("{\"deleted\":1}");
        HttpResponse<String> missing = api.delete("/user/" + id, admin);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(api.parse(missing).path("detail").asText()).contains(id);
        assertThat(api.get("/user-account", again).statusCode()).isEqualTo(401);
    }

    @Test
    void badUserBodiesAnswer422NamingTheFieldAndDuplicatesAnswer409() throws Exception {
        HttpResponse<String> invalid = api.post("/user", admin, "{\"email\":\"not-an-email\",\"password\":\"x\",\"roles\":[\"admin\"]}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(api.parse(invalid).path("detail").get(0).path("loc").get(1).asText()).isEqualTo("email");
        HttpResponse<String> role = api.post("/user", admin, "{\"email\":\"r@example.com\",\"password\":\"x\",\"roles\":[\"root\"]}");
        assertThat(role.statusCode()).isEqualTo(422);
        assertThat(role.body()).contains("roles");
        String body = "{\"email\":\"dup@example.com\",\"password\":\"x\",\"roles\":[\"marketer\"]}";
        assertThat(api.post("/user", admin, body).statusCode()).isEqualTo(200);
        assertThat(api.post("/user", admin, body.replace("dup@", "DUP@")).statusCode()).isEqualTo(409);
        assertThat(api.post("/user", admin, "[1,2]").statusCode()).isEqualTo(422);
        assertThat(api.post("/user", admin, "{not json").statusCode()).isEqualTo(422);
    }

    @Test
    void anAdminCannotDeleteThemselves() throws Exception {
        String id = api.parse(api.get("/user-account", admin)).path("id").asText();
        assertThat(api.delete("/user/" + id, admin).statusCode()).isEqualTo(403);
    }

    @Test
    void theAccountShowsAFingerprintThatChangesWithThePassword() throws Exception {
        String email = api.createUser(ApiRoles.MARKETER);
        String token = api.login(email, PrivateApiFixture.PASSWORD);
        String before = api.parse(api.get("/user-account", token)).path("password").asText();
        assertThat(before).hasSize(16).doesNotContain("$2");
        assertThat(api.post("/user-account", token, "{\"password\":\"changed-pw\"}").body()).isEqualTo("{\"inserted\":1}");
        String after = api.parse(api.get("/user-account", token)).path("password").asText();
        assertThat(after).isNotEqualTo(before);
        assertThat(api.login(email, "changed-pw")).isNotBlank();
    }

    @Test
    void preferencesAreOpenToEveryRole() throws Exception {
        String token = api.tokenFor(ApiRoles.MAINTAINER);
        assertThat(api.get("/user/preference/theme", token).statusCode()).isEqualTo(404);
        assertThat(api.get("/user/preference/theme", token).body()).isEqualTo("null");
        assertThat(api.parse(api.post("/user/preference/theme", token, "{\"dark\":true}")).path("saved").asInt()).isEqualTo(1);
        assertThat(api.get("/user/preference/theme", token).body()).isEqualTo("{\"dark\":true}");
        assertThat(api.parse(api.get("/user/preferences", token)).path("theme").path("dark").asBoolean()).isTrue();
        assertThat(api.parse(api.delete("/user/preference/theme", token)).path("saved").asInt()).isEqualTo(1);
        HttpResponse<String> gone = api.delete("/user/preference/theme", token);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("{\"detail\":\"Preference theme not found\"}");
    }

    @Test
    void tokensAreCheckedCaseInsensitivelyAndRejectedWhenUnknown() throws Exception {
        HttpResponse<String> lower = api.send(api.request("/user-account", null).header("Authorization", "bearer " + admin).GET());
        assertThat(lower.statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = api.get("/user-account", "not-a-token");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo("{\"detail\":\"Invalid or expired token\"}");
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(api.get("/user-account", null).statusCode()).isEqualTo(401);
    }
}
