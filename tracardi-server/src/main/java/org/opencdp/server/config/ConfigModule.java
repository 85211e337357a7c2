package org.opencdp.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;

/**
 * Jackson rules used only while reading the YAML configuration (never for API bodies): Tracardi-style flags
 * and durations that may be bare seconds. Dropwizard's own {@link io.dropwizard.util.Duration} (used by the
 * MySQL pool settings) gets the same leniency so that {@code MYSQL_POOL_TIMEOUT=3} keeps working.
 */
public final class ConfigModule extends SimpleModule {

    public ConfigModule() {
        super("tracardi-config");
        addDeserializer(Boolean.class, new FlagDeserializer());
        addDeserializer(Boolean.TYPE, new FlagDeserializer());
        addDeserializer(Duration.class, new TextDeserializer<>(Duration.class) {
            @Override
            Duration convert(String text) {
                return DurationParser.parse(text);
            }
        });
        addDeserializer(io.dropwizard.util.Duration.class, new TextDeserializer<>(io.dropwizard.util.Duration.class) {
            @Override
            io.dropwizard.util.Duration convert(String text) {
                return io.dropwizard.util.Duration.milliseconds(DurationParser.parse(text).toMillis());
            }
        });
    }

    /** Turns a scalar into a value, reporting a bad one as a format error on the key being read. */
    private abstract static class TextDeserializer<T> extends StdScalarDeserializer<T> {

        TextDeserializer(Class<T> type) {
            super(type);
        }

        abstract T convert(String text);

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return convert(String.valueOf(text));
            } catch (IllegalArgumentException e) {
                return (T) context.handleWeirdStringValue(handledType(), String.valueOf(text), e.getMessage());
            }
        }
    }
}
