package org.opencdp.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.testing.PrivateApiFixture;

/** Login, tokens and logout on the real stack (private-api §2). */
class LoginIT {

    private static PrivateApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("login");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void aFormLoginAnswersTracardisTokenShape() throws Exception {
        String email = api.createUser("admin", "maintainer");
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(api.url("/user/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + email + "&password=" + PrivateApiFixture.PASSWORD)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.parse(response);
        assertThat(body.path("access_token").asText()).hasSize(43);
        assertThat(body.path("token_type").asText()).isEqualTo("bearer");
        assertThat(body.path("roles").toString()).isEqualTo("[\"admin\",\"maintainer\"]");
        assertThat(body.path("expires_in").asLong()).isEqualTo(1800);
        assertThat(body.path("preference").isObject()).isTrue();
    }

    @Test
    void thePasswordGrantAliasAcceptsOAuthFields() throws Exception {
        String email = api.createUser("marketer");
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(api.url("/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=x&client_secret=y&scope=&username="
                        + email + "&password=" + PrivateApiFixture.PASSWORD)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(api.parse(response).path("roles").get(0).asText()).isEqualTo("marketer");
    }

    @Test
    void twoLoginsGiveTwoTokensAndLogoutRevokesOnlyOne() throws Exception {
        String email = api.createUser("admin");
        String first = api.login(email, PrivateApiFixture.PASSWORD);
        String second = api.login(email, PrivateApiFixture.PASSWORD);
        assertThat(first).isNotEqualTo(second);
        assertThat(api.post("/user/logout", first, "").statusCode()).isEqualTo(200);
        HttpResponse<String> again = api.post("/user/logout", first, "null");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("null");
        assertThat(api.post("/user/logout", null, "").statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordUnknownUserAndDisabledUserLookTheSame() throws Exception {
        String email = api.createUser("admin");
        for (String body : new String[]{"username=" + email + "&password=wrong", "username=nobody@example.com&password=x"}) {
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(api.url("/user/token")))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"detail\":\"Incorrect username or password\"}");
        }
        assertThat(new UserLogDao(api.mysql().jdbi()).count(PrivateApiFixture.TENANT, email, false)).isEqualTo(1);
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottled() throws Exception {
        String email = api.createUser("admin");
        int lastStatus = 0;
        for (int attempt = 0; attempt <= LoginThrottle.PER_ACCOUNT; attempt++) {
            lastStatus = api.send(HttpRequest.newBuilder(URI.create(api.url("/user/token")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + email + "&password=wrong"))).statusCode();
        }
        assertThat(lastStatus).isEqualTo(429);
        // Even the right password is refused while the account is throttled.
        HttpResponse<String> right = api.send(HttpRequest.newBuilder(URI.create(api.url("/user/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + email + "&password=" + PrivateApiFixture.PASSWORD)));
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
    }
}
