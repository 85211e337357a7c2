package org.opencdp.server.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencdp.server.common.json.JsonShapes;

/**
 * Default parts of a session document (domain-model §4), also the {@code os}, {@code app}, {@code device} and
 * {@code utm} objects that events copy.
 */
final class SessionShape {

    private static final ObjectNode SHAPE = JsonShapes.parse("""
            {
              "id": null,
              "metadata": {
                "time": {"insert": null, "create": null, "update": null, "timestamp": 0.0, "duration": 0.0, "weekday": null},
                "channel": null, "status": null, "aux": {}
              },
              "profile": null,
              "device": {"name": null, "brand": null, "model": null, "type": null, "touch": false, "ip": null,
                         "resolution": null,
                         "geo": {"country": {"name": null, "code": null}, "city": null, "county": null, "postal": null,
                                 "latitude": null, "longitude": null, "location": null},
                         "color_depth": null, "orientation": null},
              "os": {"name": null, "version": null},
              "app": {"type": null, "name": null, "version": null, "language": null, "bot": false, "resolution": null},
              "utm": {"source": null, "medium": null, "campaign": null, "term": null, "content": null},
              "context": {}, "properties": {}, "traits": {}, "aux": {}
            }
            """);

    private SessionShape() {
    }

    static ObjectNode copy() {
        return SHAPE.deepCopy();
    }

    static ObjectNode shared() {
        return SHAPE;
    }

    /** A copy of one default part ({@code os}, {@code app}, {@code device}, {@code utm}). */
    static ObjectNode part(String name) {
        return ((ObjectNode) SHAPE.get(name)).deepCopy();
    }
}
