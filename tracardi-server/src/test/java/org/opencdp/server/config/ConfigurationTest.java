package org.opencdp.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.storage.elastic.Partitioning;

/** Loads the shipped configuration files with chosen environments, as the server does at start-up. */
class ConfigurationTest {

    static final String ALL_IN_ONE = "../config/all-in-one.yml";

    static TracardiConfiguration load(String file, String... nameValues) throws Exception {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            environment.put(nameValues[i], nameValues[i + 1]);
        }
        return ConfigLoader.load(file, environment);
    }

    @Test
    void defaultsMatchTheSpecSkeleton() throws Exception {
        TracardiConfiguration config = load(ALL_IN_ONE);
        assertThat(config.elastic().hostUris()).extracting(Object::toString).containsExactly("http://localhost:9200");
        assertThat(config.elastic().indexPrefix()).isEqualTo("cdp");
        assertThat(config.mysql().getUser()).isEqualTo("root");
        assertThat(config.mysql().getUrl()).startsWith("jdbc:mysql://localhost:3306/tracardi?");
        assertThat(config.redis().serverUri()).hasToString("redis://localhost:6379");
        assertThat(config.collector().trackDebug()).isFalse();
        assertThat(config.collector().benchmarkEndpoint()).isFalse();
        assertThat(config.collector().sourceCheck()).isTrue();
        assertThat(config.collector().maxBodyBytes().bytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(config.collector().awaitTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.features().closeVisitAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.storage().partitioning().event()).isEqualTo(Partitioning.MONTH);
        assertThat(config.storage().partitioning().entity()).isEqualTo(Partitioning.QUARTER);
        assertThat(config.tenancy().tenantName()).isEqualTo("default");
        assertThat(config.security().installationTokenUsable()).isFalse();
        assertThat(config.queue().pulsar().partitions()).isEqualTo(16);
    }

    @ParameterizedTest
    @CsvSource({"yes,true", "YES,true", "on,true", "On,true", "true,true", "1,true",
                "no,false", "off,false", "OFF,false", "false,false", "0,false"})
    void booleansAcceptTracardiSpellings(String value, boolean expected) throws Exception {
        assertThat(load(ALL_IN_ONE, "TRACK_DEBUG", value).collector().trackDebug()).isEqualTo(expected);
    }

    @Test
    void anInvalidBooleanStopsTheStartWithTheKeyName() {
        assertThatThrownBy(() -> load(ALL_IN_ONE, "TRACK_DEBUG", "maybe"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("collector.trackDebug")
                .cause().hasMessageContaining("\"maybe\"").hasMessageContaining("yes, no, on, off");
    }

    @Test
    void environmentNamesAndAliasesReachTheirKeys() throws Exception {
        TracardiConfiguration config = load(ALL_IN_ONE,
                "ELASTIC_HOST", "es1:9201,https://es2", "ELASTIC_PORT", "9300", "ELASTIC_SCHEME", "https",
                "MYSQL_HOST", "db", "MYSQL_PORT", "3307", "MYSQL_DATABASE", "cdp", "MYSQL_USER", "legacy",
                "REDIS_HOST", "cache", "REDIS_PORT", "6380",
                "PULSAR_HOST", "pulsar://broker:6650", "PULSAR_API", "http://broker:8080", "PULSAR_CLUSTER", "standalone",
                "ENABLE_IDENTIFICATION_POINTS", "no", "ITEM_PARTITIONING", "week", "DISALLOW_BOT_TRAFFIC", "off",
                "EXPOSE_GUI_API", "no", "TENANT_NAME", "acme", "APM_TENANTS", "a,b");
        assertThat(config.elastic().hostUris()).extracting(Object::toString)
                .containsExactly("https://es1:9201", "https://es2:9300");
        assertThat(config.mysql().getUrl()).startsWith("jdbc:mysql://db:3307/cdp?");
        assertThat(config.mysql().getUser()).isEqualTo("legacy");
        assertThat(config.redis().serverUri()).hasToString("redis://cache:6380");
        assertThat(config.queue().pulsar().serviceUrl()).isEqualTo("pulsar://broker:6650");
        assertThat(config.queue().pulsar().cluster()).isEqualTo("standalone");
        assertThat(config.features().identificationPoints()).isFalse();
        assertThat(config.storage().partitioning().entity()).isEqualTo(Partitioning.WEEK);
        assertThat(config.collector().bots().reject()).isFalse();
        assertThat(config.api().exposeGuiApi()).isFalse();
        assertThat(config.tenancy().tenantName()).isEqualTo("acme");
        assertThat(config.apm().tenants()).isEqualTo("a,b");
    }

    @Test
    void thePrimaryNameWinsOverItsAlias() throws Exception {
        TracardiConfiguration config = load(ALL_IN_ONE, "MYSQL_USERNAME", "primary", "MYSQL_USER", "alias",
                "ENTITY_PARTITIONING", "year", "ITEM_PARTITIONING", "day",
                "ENABLE_IDENTIFICATION_POINT", "yes", "ENABLE_IDENTIFICATION_POINTS", "no");
        assertThat(config.mysql().getUser()).isEqualTo("primary");
        assertThat(config.storage().partitioning().entity()).isEqualTo(Partitioning.YEAR);
        assertThat(config.features().identificationPoints()).isTrue();
    }

    @Test
    void durationsAcceptUnitsAndBareSeconds() throws Exception {
        TracardiConfiguration config = load(ALL_IN_ONE, "CLOSE_VISIT_AFTER", "900", "TOKEN_TTL", "500ms",
                "KEEP_PROFILE_IN_CACHE_FOR", "2h", "SOURCE_CACHE_TTL", "30d", "MYSQL_POOL_TIMEOUT", "3",
                "ELASTIC_QUERY_TIMEOUT", "5m");
        assertThat(config.features().closeVisitAfter()).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.security().tokenTtl()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.cache().profileTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.cache().configTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.mysql().getMaxWaitForConnection().toSeconds()).isEqualTo(3);
        assertThat(config.elastic().queryTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anInvalidDurationNamesTheKey() {
        assertThatThrownBy(() -> load(ALL_IN_ONE, "SOURCE_CACHE_TTL", "soon"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cache.configTtl");
    }

    @Test
    void anUnknownPartitioningNamesTheKey() {
        assertThatThrownBy(() -> load(ALL_IN_ONE, "EVENT_PARTITIONING", "hourly"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("storage.partitioning.event")
                .hasMessageContaining("hourly");
    }

    @ParameterizedTest
    @CsvSource({"WARNING,WARN", "warning,WARN", "CRITICAL,ERROR", "debug,DEBUG", "INFO,INFO"})
    void pythonLoggingLevelsAreTranslated(String value, String expected) throws Exception {
        DefaultLoggingFactory logging = (DefaultLoggingFactory) load(ALL_IN_ONE, "LOGGING_LEVEL", value).getLoggingFactory();
        assertThat(logging.getLevel()).isEqualTo(expected);
    }

    @Test
    void roleFilesExtendTheSharedFileAndOverrideOnlyTheirOwnKeys() throws Exception {
        TracardiConfiguration collector = load("../config/collector.yml", "ELASTIC_INDEX_PREFIX", "shop");
        DefaultServerFactory server = (DefaultServerFactory) collector.getServerFactory();
        assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort()).isEqualTo(8585);
        assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getBindHost()).isEqualTo("127.0.0.1");
        assertThat(collector.context().production()).isTrue();
        assertThat(collector.elastic().indexPrefix()).isEqualTo("shop");

        TracardiConfiguration privateApi = load("../config/private.yml", "PORT", "9999");
        assertThat(privateApi.context().production()).isFalse();
        DefaultServerFactory privateServer = (DefaultServerFactory) privateApi.getServerFactory();
        assertThat(((HttpConnectorFactory) privateServer.getApplicationConnectors().get(0)).getPort()).isEqualTo(9999);
    }

    @Test
    void everyRoleFileLoads() throws Exception {
        for (String role : new String[] {"all-in-one", "collector", "private", "worker", "apm", "tms", "migrate"}) {
            assertThat(load("../config/" + role + ".yml")).as(role).isNotNull();
        }
    }

    @Test
    void sizesParse() {
        assertThat(ByteSize.parse("2MiB").bytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(ByteSize.parse("512KiB").bytes()).isEqualTo(512L * 1024);
        assertThat(ByteSize.parse("1000").bytes()).isEqualTo(1000);
        assertThat(ByteSize.parse(4096).bytes()).isEqualTo(4096);
        assertThatThrownBy(() -> ByteSize.parse("lots")).isInstanceOf(IllegalArgumentException.class);
    }
}
