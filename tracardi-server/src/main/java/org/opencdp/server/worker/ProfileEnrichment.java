package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;

/**
 * Step P6's derived fields (processing §6.3): the continent of the visitor's time zone, the languages the
 * browser says they speak, and the last known device location. These alone never make a profile "saved".
 */
final class ProfileEnrichment {

    private ProfileEnrichment() {
    }

    static void apply(ProfileDocument profile, SessionDocument session) {
        ObjectNode doc = profile.json();
        String tz = session.tz();
        if (tz != null) {
            String continent = tz.contains("/") ? tz.substring(0, tz.indexOf('/')) : "n/a";
            DotPath.set(doc, "aux.geo.continent", doc.textNode(continent));
        }
        JsonNode languages = session.json().path("context").path("language");
        if (languages.isArray() && !languages.isEmpty()) {
            ArrayNode spoken = doc.arrayNode();
            languages.forEach(language -> {
                if (language.isTextual()) {
                    spoken.add(language.asText());
                }
            });
            DotPath.set(doc, "data.pii.language.spoken", spoken);
        }
        JsonNode geo = session.json().path("device").path("geo");
        boolean known = geo.path("country").path("code").isTextual() || geo.path("city").isTextual()
                || geo.path("latitude").isNumber();
        if (known && !geo.equals(doc.path("data").path("devices").path("last").path("geo"))) {
            DotPath.set(doc, "data.devices.last.geo", geo.deepCopy());
        }
    }
}
