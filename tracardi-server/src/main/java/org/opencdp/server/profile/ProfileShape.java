package org.opencdp.server.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencdp.server.common.json.JsonShapes;

/** The default profile document (domain-model §2.1), without ids and times. */
public final class ProfileShape {

    private static final ObjectNode SHAPE = JsonShapes.parse("""
            {
              "id": null, "primary_id": null, "ids": [],
              "metadata": {
                "time": {"insert": null, "create": null, "update": null, "segmentation": null,
                         "visit": {"last": null, "current": null, "count": 0, "tz": null}},
                "aux": {}, "status": null, "fields": {},
                "system": {"integrations": {}, "aux": {}}
              },
              "stats": {"visits": 0, "views": 0, "counters": {}},
              "traits": {}, "segments": [], "interests": {}, "consents": {}, "active": true,
              "aux": {},
              "data": {
                "anonymous": null,
                "pii": {"firstname": null, "lastname": null, "display_name": null, "birthday": null,
                        "language": {"native": null, "spoken": null}, "gender": null,
                        "education": {"level": null}, "civil": {"status": null},
                        "attributes": {"height": null, "weight": null, "shoe_number": null}},
                "contact": {"email": {"main": null, "private": null, "business": null},
                            "phone": {"main": null, "business": null, "mobile": null, "whatsapp": null},
                            "app": {"whatsapp": null, "discord": null, "slack": null, "twitter": null, "telegram": null,
                                    "wechat": null, "viber": null, "signal": null, "other": {}},
                            "address": {"town": null, "county": null, "country": null, "postcode": null,
                                        "street": null, "other": null},
                            "confirmations": []},
                "identifier": {"id": null, "pk": null, "badge": null, "passport": null, "credit_card": null,
                               "token": null, "coupons": null},
                "devices": {"push": [], "other": [],
                            "last": {"geo": {"country": {"name": null, "code": null}, "city": null, "county": null,
                                             "postal": null, "latitude": null, "longitude": null, "location": null}}},
                "media": {"image": null, "webpage": null,
                          "social": {"twitter": null, "facebook": null, "youtube": null, "instagram": null,
                                     "tiktok": null, "linkedin": null, "reddit": null, "other": {}}},
                "preferences": {"purchases": [], "colors": [], "sizes": [], "devices": [], "channels": [],
                                "payments": [], "brands": [], "fragrances": [], "services": [], "other": []},
                "job": {"position": null, "salary": null, "type": null,
                        "company": {"name": null, "size": null, "segment": null, "country": null}, "department": null},
                "metrics": {"ltv": 0.0, "ltcosc": 0, "ltcocc": 0, "ltcop": 0.0, "ltcosv": 0.0, "ltcocv": 0.0,
                            "next": null, "custom": {}},
                "loyalty": {"codes": [], "card": {"id": null, "name": null, "issuer": null, "expires": null, "points": 0.0}}
              },
              "misc": {}, "trash": {},
              "internal": {"applied_batches": []}
            }
            """);

    private ProfileShape() {
    }

    /** Top-level fields whose contents are free-form: any path below them may be written. */
    private static final java.util.Set<String> FREE_FORM = java.util.Set.of("traits", "aux", "misc", "trash", "interests",
            "consents");

    /**
     * Whether a workflow may write this dot path of a profile (workflows §5): anything under a free-form field,
     * the counters and custom metrics, or a path of the typed document.
     */
    public static boolean writablePath(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        String[] segments = path.split("\\.");
        if (FREE_FORM.contains(segments[0]) || path.startsWith("stats.counters.") || path.startsWith("data.metrics.custom.")
                || path.startsWith("data.contact.app.other.") || path.startsWith("data.media.social.other.")) {
            return segments.length > 1 || !segments[0].equals("internal");
        }
        if (segments[0].equals("internal") || segments[0].equals("id")) {
            return false;
        }
        com.fasterxml.jackson.databind.JsonNode node = SHAPE;
        for (String segment : segments) {
            if (node == null || !node.isObject() || !node.has(segment)) {
                return false;
            }
            node = node.get(segment);
        }
        return true;
    }

    /** A fresh copy of the default document. */
    static ObjectNode copy() {
        return SHAPE.deepCopy();
    }

    /** The shared default, read-only by convention: for {@link JsonShapes#fillMissing}. */
    static ObjectNode shared() {
        return SHAPE;
    }
}
