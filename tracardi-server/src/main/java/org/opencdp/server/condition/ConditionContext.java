package org.opencdp.server.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.opencdp.server.condition.ast.Source;

/**
 * The data a condition is evaluated against: one JSON document per source ({@code profile}, {@code event},
 * {@code session}, {@code payload}, {@code flow}, {@code memory}) for dot-notation conditions, or a single document
 * for plain-field filters, and the clock behind {@code now()}. An absent source reads as missing everywhere.
 * Documents are read, never modified. Values may be Jackson trees or plain Java maps and lists (converted once).
 */
public final class ConditionContext {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<Source, JsonNode> sources;
    private final JsonNode document;
    private final Clock clock;

    private ConditionContext(Map<Source, JsonNode> sources, JsonNode document, Clock clock) {
        this.sources = sources;
        this.document = document;
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A context for {@link Syntax#PLAIN_FIELDS} conditions: plain paths read {@code document}. */
    public static ConditionContext ofDocument(Object document) {
        return builder().document(document).build();
    }

    /** The document of a source, or null when absent. */
    public JsonNode source(Source source) {
        return sources.get(source);
    }

    /** The document plain paths read, or null. */
    public JsonNode document() {
        return document;
    }

    public Clock clock() {
        return clock;
    }

    /** Collects the sources; every setter replaces an earlier value of the same source. */
    public static final class Builder {

        private final Map<Source, JsonNode> sources = new EnumMap<>(Source.class);
        private JsonNode document;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder profile(Object value) {
            return source(Source.PROFILE, value);
        }

        public Builder event(Object value) {
            return source(Source.EVENT, value);
        }

        public Builder session(Object value) {
            return source(Source.SESSION, value);
        }

        public Builder payload(Object value) {
            return source(Source.PAYLOAD, value);
        }

        public Builder flow(Object value) {
            return source(Source.FLOW, value);
        }

        public Builder memory(Object value) {
            return source(Source.MEMORY, value);
        }

        /** Sets a source; a null value removes it. */
        public Builder source(Source source, Object value) {
            JsonNode node = toJson(value);
            if (node == null) {
                sources.remove(source);
            } else {
                sources.put(source, node);
            }
            return this;
        }

        /** Sets every source of a map keyed by source name ({@code "profile"}, …); unknown names are refused. */
        public Builder sources(Map<String, ?> values) {
            values.forEach((name, value) -> source(Source.of(name).orElseThrow(() ->
                    new IllegalArgumentException("Unknown condition source " + name + "; expected one of " + Source.list())),
                    value));
            return this;
        }

        public Builder document(Object value) {
            this.document = toJson(value);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ConditionContext build() {
            return new ConditionContext(new EnumMap<>(sources), document, clock);
        }

        private static JsonNode toJson(Object value) {
            if (value == null) {
                return null;
            }
            return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
        }
    }
}
