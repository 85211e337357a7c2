package org.opencdp.server.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencdp.server.TracardiConfiguration;

/**
 * The effective configuration under Tracardi's env names (operations §2.3), for {@code /settings} and
 * {@code /system/settings}. Secrets (passwords, keys, tokens, the merging salt) are never listed; host names
 * are shown without credentials.
 */
public final class SettingsCatalogue {

    /** Tracardi's default for a setting it still reports though we ignore it. */
    static final int SYNC_PROFILE_TRACKS_MAX_REPEATS = 10;

    private final List<Setting> settings;

    public SettingsCatalogue(TracardiConfiguration config) {
        this.settings = build(config);
    }

    public List<Setting> all() {
        return settings;
    }

    /** The setting with this env name, in any case. */
    public Optional<Setting> find(String label) {
        String wanted = label == null ? "" : label.trim().toUpperCase(Locale.ROOT);
        return settings.stream().filter(setting -> setting.label().equals(wanted)).findFirst();
    }

    private static List<Setting> build(TracardiConfiguration c) {
        List<Setting> list = new ArrayList<>();
        add(list, "EXPOSE_GUI_API", c.api().exposeGuiApi(), "Whether this process serves the private (GUI) API.");
        add(list, "PRODUCTION", c.context().production(), "Locks the process to the production context.");
        add(list, "API_DOCS", c.api().docs(), "Serves the OpenAPI document of the private API.");
        add(list, "MULTI_TENANT", c.tenancy().multiTenant(), "Resolves the tenant from the request host.");
        add(list, "TENANT_NAME", c.tenancy().tenantName(), "The tenant of a single-tenant installation.");
        add(list, "APM", c.identity().hashedIds(), "Stores salted hashes of merging keys in profile ids.");
        add(list, "TRACK_DEBUG", c.collector().trackDebug(), "Adds the debug block to /track answers.");
        add(list, "DISALLOW_BOT_TRAFFIC", c.collector().bots().reject(), "Rejects requests from known bots.");
        add(list, "ALLOW_BOT_TRAFFIC", !c.collector().bots().reject(), "Inverse of DISALLOW_BOT_TRAFFIC (0.8 name).");
        add(list, "USE_X_FORWARDED_IP", c.collector().clientIpHeader(), "Header holding the client IP behind a proxy.");
        add(list, "ENABLE_EVENT_SOURCE_CHECK", c.collector().sourceCheck(), "Rejects events from unknown or disabled sources.");
        add(list, "ENABLE_ERRORS_ON_RESPONSE", c.collector().errorsInResponse(), "Returns processing errors in /track answers.");
        add(list, "ENABLE_WORKFLOW", c.features().workflow(), "Runs workflows on events.");
        add(list, "ENABLE_EVENT_TO_PROFILE_MAPPING", c.features().eventToProfileMapping(), "Copies event data into profiles.");
        add(list, "ENABLE_EVENT_VALIDATION", c.features().eventValidation(), "Validates events against their schemas.");
        add(list, "ENABLE_EVENT_RESHAPING", c.features().eventReshaping(), "Reshapes events before processing.");
        add(list, "ENABLE_IDENTIFICATION_POINT", c.features().identificationPoints(), "Identifies profiles on matching events.");
        add(list, "ENABLE_POST_EVENT_SEGMENTATION", c.features().postEventSegmentation(), "Evaluates segments after each batch.");
        add(list, "ENABLE_EVENT_DESTINATIONS", c.features().eventDestinations(), "Sends events to destinations.");
        add(list, "ENABLE_PROFILE_DESTINATIONS", c.features().profileDestinations(), "Sends changed profiles to destinations.");
        add(list, "ENABLE_FIELD_UPDATE_LOG", c.features().fieldUpdateLog(), "Logs every profile field change.");
        add(list, "SYSTEM_EVENTS", c.features().systemEvents(), "Emits profile-created, session-opened and visit events.");
        add(list, "ENABLE_VISIT_ENDED", c.features().visitEnded(), "Emits visit-ended when a visit closes.");
        add(list, "CLOSE_VISIT_AFTER", c.features().closeVisitAfter().toSeconds(), "Seconds of inactivity that close a visit.");
        add(list, "SAVE_LOGS", c.diagnostics().saveLogsToElastic(), "Stores server logs in Elasticsearch.");
        add(list, "KEEP_PROFILE_IN_CACHE_FOR", c.cache().profileTtl().toSeconds(), "Seconds a profile stays in the cache.");
        add(list, "KEEP_SESSION_IN_CACHE_FOR", c.cache().sessionTtl().toSeconds(), "Seconds a session binding stays in the cache.");
        add(list, "ELASTIC_HOST", withoutCredentials(c.elastic().hosts()), "Elasticsearch nodes.");
        add(list, "REDIS_HOST", withoutCredentials(c.redis().serverUri().toString()), "Redis server.");
        add(list, "PULSAR_HOST", withoutCredentials(c.queue().pulsar().serviceUrl()), "Pulsar broker.");
        add(list, "TOKEN_TTL", c.security().tokenTtl().toSeconds(), "Seconds an idle access token stays valid.");
        add(list, "SYNC_PROFILE_TRACKS", true,
                "Batches of one profile are always processed one at a time, in order (per-profile queue key and lock).");
        add(list, "SYNC_PROFILE_TRACKS_MAX_REPEATS", SYNC_PROFILE_TRACKS_MAX_REPEATS,
                "Reported for compatibility; per-profile ordering makes it unnecessary.");
        return List.copyOf(list);
    }

    private static void add(List<Setting> list, String label, Object value, String desc) {
        list.add(new Setting(label, value, desc, true));
    }

    /** Drops {@code user:password@} from every comma-separated URI. */
    static String withoutCredentials(String uris) {
        if (uris == null) {
            return "";
        }
        List<String> cleaned = new ArrayList<>();
        for (String part : uris.split(",")) {
            String value = part.trim();
            try {
                URI uri = URI.create(value);
                if (uri.getUserInfo() != null) {
                    value = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
                }
            } catch (IllegalArgumentException | java.net.URISyntaxException e) {
                value = value.replaceAll("//[^@/]*@", "//");
            }
            cleaned.add(value);
        }
        return String.join(",", cleaned);
    }
}
