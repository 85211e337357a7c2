package org.opencdp.server.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.InvalidBodyException;

/**
 * Validation and defaults of a consent type (domain-model §10). Fields the client posted are kept as posted (the
 * API test compares the stored record with the posted one); only missing fields get their defaults.
 */
public final class ConsentTypes {

    /** A duration such as {@code 15m}, {@code 12h}, {@code 30d}, {@code 2w}, {@code 1y}. */
    static final Pattern DURATION = Pattern.compile("^\\s*\\d+\\s*[smhdwy]\\s*$", Pattern.CASE_INSENSITIVE);

    private ConsentTypes() {
    }

    /** Checks and completes the posted consent type in place; returns its id (the slug of the name by default). */
    static String normalize(ObjectNode doc) {
        String name = Bodies.requiredText(doc, "name");
        if (Bodies.text(doc, "id") == null || Bodies.text(doc, "id").isBlank()) {
            doc.put("id", name.strip().toLowerCase(Locale.ROOT).replace(' ', '-'));
        }
        String id = Bodies.idOrNew(doc);
        List<InvalidBodyException.Problem> problems = new ArrayList<>();
        JsonNode defaultValue = doc.get("default_value");
        if (defaultValue == null || defaultValue.isNull()) {
            doc.put("default_value", "deny");
        } else if (!defaultValue.isTextual() || !List.of("grant", "deny").contains(defaultValue.asText())) {
            problems.add(new InvalidBodyException.Problem("default_value", "value must be either 'grant' or 'deny'"));
        }
        boolean revokable = doc.path("revokable").asBoolean(false);
        JsonNode autoRevoke = doc.get("auto_revoke");
        if (autoRevoke == null || autoRevoke.isNull() || (autoRevoke.isTextual() && autoRevoke.asText().isBlank())) {
            if (revokable) {
                problems.add(new InvalidBodyException.Problem("auto_revoke",
                        "a revokable consent needs auto_revoke, a duration such as 30d, 12h or 15m"));
            }
        } else if (!autoRevoke.isTextual() || !DURATION.matcher(autoRevoke.asText()).matches()) {
            problems.add(new InvalidBodyException.Problem("auto_revoke",
                    "auto_revoke must be a duration such as 30d, 1y, 12h or 15m"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidBodyException(problems);
        }
        defaults(doc);
        return id;
    }

    private static void defaults(ObjectNode doc) {
        if (!doc.has("description")) {
            doc.put("description", "");
        }
        if (!doc.has("revokable")) {
            doc.put("revokable", false);
        }
        if (!doc.has("enabled")) {
            doc.put("enabled", true);
        }
        if (!doc.has("required")) {
            doc.put("required", false);
        }
        if (!doc.has("auto_revoke")) {
            doc.putNull("auto_revoke");
        }
        if (!doc.path("tags").isArray()) {
            Bodies.stringList(doc, "tags");
        }
    }
}
