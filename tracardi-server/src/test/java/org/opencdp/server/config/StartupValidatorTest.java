package org.opencdp.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiConfiguration;

class StartupValidatorTest {

    static final String GOOD_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String GOOD_SALT = "a-salt-of-twenty-or-more-characters";

    private static TracardiConfiguration config(String salt, String key) {
        TracardiConfiguration config = new TracardiConfiguration();
        config.identity().setMergingSalt(salt);
        config.security().setSecretKey(key);
        return config;
    }

    @Test
    void aCompleteConfigurationHasNoProblems() {
        assertThat(StartupValidator.problems(config(GOOD_SALT, GOOD_KEY), Map.of())).isEmpty();
    }

    @Test
    void aMissingOrShortSaltIsReportedWithItsKeyAndVariable() {
        assertThat(StartupValidator.problems(config("", GOOD_KEY), Map.of()))
                .singleElement().asString().contains("identity.mergingSalt", "AUTO_PROFILE_MERGING", "required");
        assertThat(StartupValidator.problems(config("short", GOOD_KEY), Map.of()))
                .singleElement().asString().contains("at least 20");
    }

    @Test
    void theSecretKeyMustBe32Base64Bytes() {
        assertThat(StartupValidator.problems(config(GOOD_SALT, ""), Map.of()))
                .singleElement().asString().contains("security.secretKey", "TRACARDI_SECRET_KEY");
        assertThat(StartupValidator.problems(config(GOOD_SALT, Base64.getEncoder().encodeToString(new byte[16])), Map.of()))
                .singleElement().asString().contains("32 bytes, not 16");
        assertThat(StartupValidator.problems(config(GOOD_SALT, "%%%not-base64"), Map.of()))
                .singleElement().asString().contains("not valid base64");
    }

    @Test
    void disablingPulsarIsRefused() {
        assertThat(StartupValidator.problems(config(GOOD_SALT, GOOD_KEY), Map.of("PULSAR_DISABLED", "yes")))
                .singleElement().asString().contains("PULSAR_DISABLED", "durable");
        assertThat(StartupValidator.problems(config(GOOD_SALT, GOOD_KEY), Map.of("PULSAR_DISABLE", "no"))).isEmpty();
    }

    @Test
    void ignoredTracardiVariablesAreRecognised() {
        assertThat(StartupValidator.ignoredVariables(Map.of("CONSUMER_TYPE", "x", "OTEL_EXPORTER", "y",
                "TRACARDI_PRO_HOST", "z", "ELASTIC_HOST", "h", "PATH", "/bin")))
                .containsExactly("CONSUMER_TYPE", "OTEL_EXPORTER", "TRACARDI_PRO_HOST");
    }
}
