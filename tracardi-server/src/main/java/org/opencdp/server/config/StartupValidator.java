package org.opencdp.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.opencdp.server.TracardiConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that span several keys or depend on the environment, run before a role builds anything. Each
 * problem names the configuration key (and the Tracardi variable behind it) so an operator can fix it.
 */
public final class StartupValidator {

    private static final Logger LOG = LoggerFactory.getLogger(StartupValidator.class);
    static final int MIN_SALT_LENGTH = 20;

    private StartupValidator() {
    }

    /** Returns every problem found; an empty list means the configuration can be used. */
    public static List<String> problems(TracardiConfiguration config, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        for (String name : List.of("PULSAR_DISABLED", "PULSAR_DISABLE")) {
            String value = environment.get(name);
            if (value != null && Boolean.TRUE.equals(FlagDeserializer.parse(value))) {
                problems.add(name + " is not supported: the Pulsar queue is what makes collection durable; "
                        + "unset it and point queue.pulsar.serviceUrl (PULSAR_HOST) at a broker");
            }
        }
        IdentityConfig identity = config.identity();
        if (identity.hashedIds()) {
            String salt = identity.mergingSalt();
            if (salt == null || salt.isBlank()) {
                problems.add("identity.mergingSalt (AUTO_PROFILE_MERGING) is required while identity.hashedIds (APM) is on");
            } else if (salt.length() < MIN_SALT_LENGTH) {
                problems.add("identity.mergingSalt (AUTO_PROFILE_MERGING) must be at least " + MIN_SALT_LENGTH + " characters");
            }
        }
        String secretKey = config.security().secretKey();
        if (secretKey == null || secretKey.isBlank()) {
            problems.add("security.secretKey (TRACARDI_SECRET_KEY) is required: 32 random bytes, base64-encoded");
        } else {
            try {
                int length = Base64.getDecoder().decode(secretKey.trim()).length;
                if (length != 32) {
                    problems.add("security.secretKey (TRACARDI_SECRET_KEY) must decode to 32 bytes, not " + length);
                }
            } catch (IllegalArgumentException e) {
                problems.add("security.secretKey (TRACARDI_SECRET_KEY) is not valid base64");
            }
        }
        return problems;
    }

    /** Tracardi variables that are accepted for compatibility and have no effect here (operations §2.3). */
    static final List<String> IGNORED_VARIABLES = List.of("CONSUMER_TYPE", "INACTIVITY_TIME_OUT", "BRIDGE_CHECK",
            "LICENSE", "DEMO", "STORAGE_DRIVER", "TRACARDI_SCHEDULER_HOST", "NEW_COLLECTOR", "PERFORMANCE_TRACKING",
            "SKIP_ERRORS_ON_PROFILE_MAPPING", "MYSQL_SCHEMA", "MYSQL_POOL_MAX_OVERFLOW", "MYSQL_ECHO",
            "ELASTIC_LOGGING_LEVEL", "UNSET_CREDENTIALS");
    static final List<String> IGNORED_PREFIXES = List.of("TRACARDI_PRO_", "SYNC_PROFILE_TRACKS", "OTEL_", "MAXMIND_",
            "ELASTIC_SNIFF_");

    /** The Tracardi variables set in {@code environment} that this server ignores. */
    public static List<String> ignoredVariables(Map<String, String> environment) {
        return environment.keySet().stream()
                .filter(name -> IGNORED_VARIABLES.contains(name) || IGNORED_PREFIXES.stream().anyMatch(name::startsWith))
                .sorted()
                .toList();
    }

    /** Logs what does not stop the start-up: ignored variables, no-op settings, localhost inside a container. */
    public static void warn(TracardiConfiguration config, Map<String, String> environment, boolean inContainer) {
        for (String name : ignoredVariables(environment)) {
            LOG.info("{} is accepted for compatibility with Tracardi and has no effect", name);
        }
        if (inContainer) {
            List<String> local = new ArrayList<>();
            if (config.elastic().hosts().contains("localhost")) {
                local.add("elastic.hosts (ELASTIC_HOST)");
            }
            if (config.mysql().getUrl().contains("//localhost")) {
                local.add("mysql.url (MYSQL_HOST)");
            }
            if (config.redis().serverUri().getHost().equals("localhost")) {
                local.add("redis.uri (REDIS_HOST)");
            }
            for (String key : local) {
                LOG.warn("{} points at localhost inside a container, where no such service usually runs", key);
            }
        }
        String profilePartitioning = config.storage().ignoredProfilePartitioning();
        if (profilePartitioning != null && !profilePartitioning.isBlank()) {
            LOG.warn("storage.ignoredProfilePartitioning (PROFILE_PARTITIONING={}) has no effect: profiles are never partitioned",
                    profilePartitioning);
        }
    }

    /** Whether this process runs in a container (Docker's marker file or a container cgroup). */
    public static boolean inContainer() {
        if (Files.exists(Path.of("/.dockerenv"))) {
            return true;
        }
        try {
            String cgroup = Files.readString(Path.of("/proc/1/cgroup"));
            return cgroup.contains("docker") || cgroup.contains("kubepods") || cgroup.contains("containerd");
        } catch (Exception e) {
            return false;
        }
    }
}
