package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileDocument;

/** Test profiles: a fresh profile changed at dot paths with JSON values. */
final class Profiles {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private Profiles() {
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    /** A profile inserted at {@code insertMinute} (and last updated then), changed by "path", "json" pairs. */
    static ProfileDocument profile(String id, int insertMinute, String... pathsAndValues) {
        ProfileDocument profile = ProfileDocument.create(id, at(insertMinute));
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            DotPath.set(profile.json(), pathsAndValues[i], json(pathsAndValues[i + 1]));
        }
        return profile;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A {@code metadata.fields} entry changed at minute {@code minute}. */
    static String changed(int minute) {
        return "[\"" + Times.format(at(minute)) + "\", \"event-" + minute + "\"]";
    }

    static ObjectNode doc(ProfileDocument profile) {
        return profile.json();
    }
}
