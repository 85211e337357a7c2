package org.opencdp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.PrivateApiFixture;
import org.slf4j.LoggerFactory;

/**
 * Security by default: passwords, bearer tokens, the installation token and resource credentials never appear in
 * a log line, whatever the request does with them (issue: abuse, private-api §2). Every log event of the server,
 * at INFO and above, is captured with its stack trace and searched.
 */
class SecretsNotLoggedIT {

    private static final String INSTALL_TOKEN = "install-secret-7f3a9c";
    private static final List<String> LINES = new CopyOnWriteArrayList<>();
    private static PrivateApiFixture api;
    private static AppenderBase<ILoggingEvent> capture;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("secrets", ConfigOverride.config("logging.level", "INFO"),
                ConfigOverride.config("security.installationToken", INSTALL_TOKEN));
        capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                String trace = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
                LINES.add(event.getFormattedMessage() + " " + trace);
            }
        };
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
    }

    @AfterAll
    static void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(capture);
        api.close();
    }

    @Test
    void noSecretReachesTheLogs() throws Exception {
        String admin = api.tokenFor(ApiRoles.ADMIN);
        // Logins that succeed, fail and are throttled.
        String email = api.createUser(ApiRoles.MARKETER);
        String userToken = api.login(email, PrivateApiFixture.PASSWORD);
        for (int i = 0; i < 12; i++) {
            api.send(HttpRequest.newBuilder(URI.create(api.url("/user/token"))).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + email + "&password=wrong-pass-5521")));
        }
        // A user created with a password, a resource with credentials, wrong and right installation tokens.
        api.post("/user", admin, "{\"email\":\"logged@example.com\",\"password\":\"user-secret-9911\",\"roles\":[\"developer\"]}");
        api.post("/resource", admin, "{\"id\":\"crm\",\"type\":\"api\",\"name\":\"CRM\",\"credentials\":{\"production\":"
                + "{\"password\":\"resource-secret-4412\"},\"test\":{\"api_key\":\"resource-secret-4413\"}}}");
        api.post("/install", null, "{\"username\":\"x@y.pl\",\"password\":\"install-pw-8812\",\"token\":\"wrong-token-1\"}");
        api.post("/install", null, "{\"username\":\"x@y.pl\",\"password\":\"install-pw-8812\",\"token\":\"" + INSTALL_TOKEN + "\"}");
        // Malformed bodies that end in error paths.
        api.post("/user", admin, "{\"email\":\"bad\",\"password\":\"user-secret-9912\"");
        api.get("/user-account", userToken + "x");
        api.get("/users", userToken);
        api.post("/user/logout", userToken, "");

        assertThat(LINES).isNotEmpty();
        for (String secret : List.of(PrivateApiFixture.PASSWORD, "wrong-pass-5521", "user-secret-9911", "user-secret-9912",
                "resource-secret-4412", "resource-secret-4413", INSTALL_TOKEN, "wrong-token-1", "install-pw-8812",
                admin, userToken)) {
            assertThat(LINES).as("log lines mentioning a secret").noneMatch(line -> line.contains(secret));
        }
    }
}
