package org.opencdp.server.config;

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

    /** Logs warnings that do not stop the start-up. */
    public static void warn(TracardiConfiguration config) {
        String profilePartitioning = config.storage().ignoredProfilePartitioning();
        if (profilePartitioning != null && !profilePartitioning.isBlank()) {
            LOG.warn("storage.ignoredProfilePartitioning (PROFILE_PARTITIONING={}) has no effect: profiles are never partitioned",
                    profilePartitioning);
        }
    }
}
