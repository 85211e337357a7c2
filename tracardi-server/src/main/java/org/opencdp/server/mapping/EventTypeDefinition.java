package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.opencdp.server.common.json.JsonShapes;

/**
 * One built-in event type (domain-model §13): what an event of this type copies inside itself, what it
 * changes in the profile, its journey state, its tags and its computations. Read from
 * {@code event-types/builtin.json}; a definition that does not parse is a build error.
 *
 * @param copy       {@code event_path ← source_path}, in order
 * @param profile    profile operations, in order
 * @param compute    computations; empty when none
 * @param computeRun when they run
 * @param state      a literal journey state, or null; see {@link #stateFunction}
 * @param stateFunction a native state function ({@code page_view}, {@code session_opened}), or null
 * @param tags       the tags that replace the event's, or null to keep them
 */
public record EventTypeDefinition(String id, String name, String description, ObjectNode properties,
                                  Map<String, String> copy, List<ProfileOp> profile, List<Computation> compute,
                                  Run computeRun, String state, Function stateFunction, List<String> tags) {

    /** The state prefix of native functions in the data. */
    static final String NATIVE = "native:";

    /** Profile operations (processing §7.1 step 4). */
    public enum Op {
        EQUAL, EQUALS_IF_NOT_EXISTS, APPEND, DELETE, ADD, SUBTRACT, INCREMENT, DECREMENT;

        static Op parse(String op) {
            return switch (op) {
                case "equal", "equals" -> EQUAL;
                case "equals_if_not_exists" -> EQUALS_IF_NOT_EXISTS;
                case "append" -> APPEND;
                case "delete" -> DELETE;
                case "+" -> ADD;
                case "-" -> SUBTRACT;
                case "increment" -> INCREMENT;
                case "decrement" -> DECREMENT;
                default -> throw new IllegalArgumentException("unknown profile operation '" + op + "'");
            };
        }
    }

    /** When computations run. */
    public enum Run { ALWAYS, ON_PROFILE_CHANGE }

    /** Native functions (domain-model §13). */
    public enum Function {
        PAGE_VIEW, SESSION_OPENED, COMPUTE_LTCOP, INCREASE_INTEREST, DECREASE_INTEREST, RESET_INTEREST;

        static Function parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown native function '" + name + "'", e);
            }
        }
    }

    /**
     * {@code profile_path ← [ref, op]}.
     *
     * @param ref an event path (text), a literal number, or null (for {@code delete})
     */
    public record ProfileOp(String target, JsonNode ref, Op op) {
    }

    /** {@code [profile_path or null, function]}. */
    public record Computation(String target, Function function) {
    }

    public EventTypeDefinition {
        Objects.requireNonNull(id, "id");
        copy = Collections.unmodifiableMap(new LinkedHashMap<>(copy));
        profile = List.copyOf(profile);
        compute = List.copyOf(compute);
        tags = tags == null ? null : List.copyOf(tags);
    }

    /**
     * Parses one entry of {@code builtin.json}.
     *
     * @throws IllegalArgumentException when it is malformed
     */
    public static EventTypeDefinition fromJson(JsonNode entry) {
        String id = text(entry, "id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a built-in event type needs an id");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        entry.path("copy").fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(id + ": copy source of " + field.getKey() + " is not a path");
            }
            copy.put(field.getKey(), field.getValue().textValue());
        });
        List<ProfileOp> profile = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> ops = entry.path("profile").fields();
        while (ops.hasNext()) {
            Map.Entry<String, JsonNode> op = ops.next();
            JsonNode pair = op.getValue();
            if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
                throw new IllegalArgumentException(id + ": profile operation of " + op.getKey() + " is not [ref, op]");
            }
            Op kind = Op.parse(pair.get(1).textValue());
            JsonNode ref = pair.get(0);
            boolean literal = kind == Op.INCREMENT || kind == Op.DECREMENT;
            if (literal ? !ref.isNumber() : kind == Op.DELETE ? !ref.isNull() : !ref.isTextual()) {
                throw new IllegalArgumentException(id + ": bad reference for " + op.getKey());
            }
            profile.add(new ProfileOp(op.getKey(), ref, kind));
        }
        List<Computation> compute = new ArrayList<>();
        Run run = Run.ON_PROFILE_CHANGE;
        JsonNode computeNode = entry.get("compute");
        if (computeNode != null && !computeNode.isNull()) {
            run = switch (computeNode.path("run").asText("on-profile-change")) {
                case "always" -> Run.ALWAYS;
                case "on-profile-change" -> Run.ON_PROFILE_CHANGE;
                default -> throw new IllegalArgumentException(id + ": unknown compute run " + computeNode.path("run"));
            };
            for (JsonNode func : computeNode.path("func")) {
                if (!func.isArray() || func.size() != 2 || !func.get(1).isTextual()) {
                    throw new IllegalArgumentException(id + ": computation is not [target, function]");
                }
                compute.add(new Computation(func.get(0).isTextual() ? func.get(0).textValue() : null,
                        Function.parse(func.get(1).textValue())));
            }
        }
        String state = text(entry, "state");
        Function stateFunction = null;
        if (state != null && state.startsWith(NATIVE)) {
            stateFunction = Function.parse(state.substring(NATIVE.length()));
            if (stateFunction != Function.PAGE_VIEW && stateFunction != Function.SESSION_OPENED) {
                throw new IllegalArgumentException(id + ": " + stateFunction + " is not a state function");
            }
            state = null;
        }
        List<String> tags = null;
        if (entry.has("tags") && entry.get("tags").isArray() && !entry.get("tags").isEmpty()) {
            tags = new ArrayList<>();
            for (JsonNode tag : entry.get("tags")) {
                tags.add(tag.asText());
            }
        }
        return new EventTypeDefinition(id, text(entry, "name"), text(entry, "description"),
                JsonShapes.objectCopy(entry.get("properties")), copy, profile, compute, run, state, stateFunction, tags);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
