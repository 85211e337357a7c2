package org.opencdp.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads configuration booleans the way Tracardi's environment variables are written:
 * {@code yes|no|on|off|true|false|1|0}, case-insensitive. Anything else is rejected so that a typo such as
 * {@code TRACK_DEBUG=ye} stops the start-up with the key name instead of silently meaning "no".
 */
public final class FlagDeserializer extends StdScalarDeserializer<Boolean> {

    public FlagDeserializer() {
        super(Boolean.class);
    }

    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        String text = parser.getValueAsString();
        if (text != null) {
            Boolean value = parse(text);
            if (value != null) {
                return value;
            }
        }
        return (Boolean) context.handleWeirdStringValue(Boolean.class, String.valueOf(text),
                "expected one of yes, no, on, off, true, false, 1, 0");
    }

    /** Returns the flag's value, or {@code null} when the text is not a recognised flag. */
    public static Boolean parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "on", "true", "1" -> {
                return Boolean.TRUE;
            }
            case "no", "off", "false", "0" -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }
}
