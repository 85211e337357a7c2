package org.opencdp.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.search.SearchService.BadSearch;

/** Reads the fields of a search request body (private-api §3.16); every refusal names the field. */
final class SearchBody {

    private SearchBody() {
    }

    /** The body as an object; null or absent means {@code {}}. */
    static JsonNode object(JsonNode body) throws BadSearch {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw new BadSearch(null, "The body must be a JSON object");
        }
        return body;
    }

    static int integer(JsonNode fields, String name, int fallback, int min, int max) throws BadSearch {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new BadSearch(name, name + " must be a whole number between " + min + " and " + max);
        }
        return value.asInt();
    }

    /** {@code [minDate, maxDate]}: a missing minimum is the epoch, a missing maximum is now. */
    static Instant[] bounds(JsonNode fields, Instant now) throws BadSearch {
        try {
            Instant min = DateBound.isSet(fields.get("minDate"))
                    ? DateBound.resolve("minDate", fields.get("minDate"), now) : Instant.EPOCH;
            Instant max = DateBound.isSet(fields.get("maxDate"))
                    ? DateBound.resolve("maxDate", fields.get("maxDate"), now) : now;
            if (min.isAfter(max)) {
                throw new BadSearch("minDate", "Incorrect time range: from " + Times.format(min) + " is later than to "
                        + Times.format(max));
            }
            return new Instant[]{min, max};
        } catch (DateBound.InvalidBound e) {
            throw new BadSearch(e.field(), e.field() + " " + e.getMessage());
        }
    }

    /** The {@code where} text; null or absent means no filter. */
    static String where(JsonNode fields) throws BadSearch {
        JsonNode where = fields.get("where");
        if (where != null && !where.isNull() && !where.isTextual()) {
            throw new BadSearch("where", "where must be a string");
        }
        return where == null || where.isNull() ? "" : where.textValue();
    }
}
