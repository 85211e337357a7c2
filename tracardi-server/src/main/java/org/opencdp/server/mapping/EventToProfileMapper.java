package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.worker.ProfileMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps P10–P12 of the worker (processing §7): for each valid event, in batch order,
 * <ol>
 *   <li>its built-in event type (§7.1): copies inside the event, journey state, tags, profile operations and
 *       computations;</li>
 *   <li>the tenant's enabled custom mappings of its type, in id order (§7.2);</li>
 *   <li>{@code data.anonymous} (§7.3).</li>
 * </ol>
 * Profile writes go through {@link ProfileWriter} (coercion, change detection, {@code metadata.fields}). Nothing
 * an event contains makes this throw (D7): a value that cannot be mapped is skipped with a warning. Without a
 * profile (profile-less batches) only the event side of the built-in definition applies.
 *
 * <p>A custom mapping with a {@code config.condition} applies only when the condition (the one condition language)
 * holds for the event and the profile. Hashed merging-key ids are added by the worker after mapping.
 */
public final class EventToProfileMapper implements ProfileMapping {

    private static final Logger LOG = LoggerFactory.getLogger(EventToProfileMapper.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BuiltinEventTypes builtins;
    private final BiFunction<TenantScope, String, List<EventToProfileMapping>> customMappings;
    private final Clock clock;

    /**
     * @param customMappings the enabled custom mappings of an event type in a scope, in id order (the cache)
     */
    public EventToProfileMapper(BuiltinEventTypes builtins,
                                BiFunction<TenantScope, String, List<EventToProfileMapping>> customMappings, Clock clock) {
        this.builtins = Objects.requireNonNull(builtins, "builtins");
        this.customMappings = Objects.requireNonNull(customMappings, "customMappings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Built-in and cached custom mappings. */
    public EventToProfileMapper(EventToProfileMappingCache cache, Clock clock) {
        this(BuiltinEventTypes.shared(), cache::forEventType, clock);
    }

    @Override
    public boolean apply(TenantScope scope, EventDocument event, ProfileDocument profile, SessionDocument session,
                         List<String> warnings) {
        if (!event.json().path("metadata").path("valid").asBoolean(true)) {
            return false;
        }
        try {
            return map(scope, event, profile, warnings);
        } catch (MappingsUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // A defect here must not fail the batch (D7); what was mapped before it stays.
            LOG.error("Mapping event {} of type {} failed", event.id(), event.type(), e);
            warnings.add("Mapping of event " + event.id() + " stopped: " + e.getClass().getSimpleName());
            return profile != null;
        }
    }

    private boolean map(TenantScope scope, EventDocument event, ProfileDocument profile, List<String> warnings) {
        ProfileWriter writer = profile == null ? null
                : new ProfileWriter(profile, FieldSchema.profile(), event.id(), clock.instant(), warnings);
        boolean changed = false;
        Optional<EventTypeDefinition> definition = builtins.find(event.type());
        if (definition.isPresent()) {
            changed = builtin(definition.get(), event, profile, writer, warnings);
        }
        if (writer != null) {
            changed |= custom(scope, event, writer, warnings);
            Anonymity.update(profile);
        }
        return changed;
    }

    /** §7.1: copy → state → tags → profile operations → computations. */
    private boolean builtin(EventTypeDefinition definition, EventDocument event, ProfileDocument profile,
                            ProfileWriter writer, List<String> warnings) {
        for (Map.Entry<String, String> copy : definition.copy().entrySet()) {
            JsonNode value = DotPath.get(event.json(), copy.getValue()).orElse(null);
            if (value != null && !value.isNull()) {
                writeEvent(event, copy.getKey(), value, copy.getValue(), warnings);
            }
        }
        String state = definition.stateFunction() != null ? NativeFunctions.state(definition.stateFunction(), profile)
                : definition.state();
        if (state != null) {
            JsonNode journey = event.json().get("journey");
            ObjectNode object = journey != null && journey.isObject() ? (ObjectNode) journey : event.json().putObject("journey");
            object.put("state", state);
        }
        if (definition.tags() != null) {
            event.setTags(definition.tags());
        }
        if (writer == null) {
            return false;
        }
        boolean changed = false;
        for (EventTypeDefinition.ProfileOp op : definition.profile()) {
            changed |= profileOp(op, event, writer, warnings);
        }
        if (!definition.compute().isEmpty()
                && (definition.computeRun() == EventTypeDefinition.Run.ALWAYS || changed)) {
            for (EventTypeDefinition.Computation computation : definition.compute()) {
                changed |= NativeFunctions.compute(computation, event, writer, warnings);
            }
        }
        return changed;
    }

    private static boolean profileOp(EventTypeDefinition.ProfileOp op, EventDocument event, ProfileWriter writer,
                                     List<String> warnings) {
        String target = op.target();
        switch (op.op()) {
            case DELETE:
                return writer.delete(target, "delete");
            case INCREMENT:
                return writer.add(target, op.ref().decimalValue(), "increment " + op.ref().asText());
            case DECREMENT:
                return writer.add(target, op.ref().decimalValue().negate(), "decrement " + op.ref().asText());
            default:
                break;
        }
        String source = op.ref().textValue();
        JsonNode value = DotPath.get(event.json(), source).orElse(null);
        boolean missing = value == null || value.isNull();
        switch (op.op()) {
            case EQUAL:
                return !missing && writer.set(target, value, source);
            case EQUALS_IF_NOT_EXISTS:
                return !missing && writer.setIfEmpty(target, value, source);
            case APPEND:
                return !missing && writer.append(target, value, source);
            case ADD:
            case SUBTRACT:
                if (missing) {
                    warnings.add(ProfileWriter.skipped(source, target, "no value"));
                    return false;
                }
                Optional<BigDecimal> number = FieldCoercion.number(value);
                if (number.isEmpty()) {
                    warnings.add(ProfileWriter.skipped(source, target, "not a number: " + FieldCoercion.describe(value)));
                    return false;
                }
                return writer.add(target, op.op() == EventTypeDefinition.Op.ADD ? number.get() : number.get().negate(), source);
            default:
                return false;
        }
    }

    /** Writes a copy into the event's typed fields; a value the event index would refuse is skipped. */
    private static void writeEvent(EventDocument event, String target, JsonNode value, String source,
                                   List<String> warnings) {
        FieldSchema.Field field = FieldSchema.event().field(target);
        List<FieldCoercion.Dropped> dropped = new ArrayList<>();
        FieldCoercion.Result coerced = FieldCoercion.coerce(value, field, dropped);
        for (FieldCoercion.Dropped drop : dropped) {
            warnings.add(ProfileWriter.skipped(source, drop.path(), drop.reason()));
        }
        if (!coerced.ok()) {
            warnings.add(ProfileWriter.skipped(source, target, coerced.reason()));
        } else if (!DotPath.set(event.json(), target, coerced.value())) {
            warnings.add(ProfileWriter.skipped(source, target, "a value that is not an object is in the way"));
        }
    }

    /** §7.2: the enabled custom mappings of the event's type, in id order. */
    private boolean custom(TenantScope scope, EventDocument event, ProfileWriter writer, List<String> warnings) {
        boolean changed = false;
        for (EventToProfileMapping mapping : customMappings.apply(scope, event.type())) {
            if (!mapping.enabled()) {
                continue;
            }
            if (mapping.hasCondition() && !conditionHolds(mapping, event, writer, warnings)) {
                continue;
            }
            for (EventToProfileMapping.Item item : mapping.items()) {
                changed |= customItem(item, event, writer, warnings);
            }
        }
        return changed;
    }

    /** The mapping's TQL condition over the event and the profile as mapped so far; an error skips the mapping. */
    private boolean conditionHolds(EventToProfileMapping mapping, EventDocument event, ProfileWriter writer, List<String> warnings) {
        try {
            org.opencdp.server.condition.Evaluation result = org.opencdp.server.condition.Conditions.parse(mapping.condition())
                    .evaluate(org.opencdp.server.condition.ConditionContext.builder().event(event.json())
                            .profile(writer.profile().json()).clock(clock).build());
            result.warnings().forEach(warning -> warnings.add("Mapping " + mapping.id() + ": " + warning));
            return result.result();
        } catch (org.opencdp.server.condition.ConditionException e) {
            warnings.add("Mapping " + mapping.id() + " skipped: its condition does not parse (" + e.getMessage() + ")");
            return false;
        }
    }

    private static boolean customItem(EventToProfileMapping.Item item, EventDocument event, ProfileWriter writer,
                                      List<String> warnings) {
        String source = item.event() == null || item.event().value() == null ? "?"
                : item.event().ref() ? item.event().value() : "\"" + item.event().value() + "\"";
        String target = item.profile() == null ? null : item.profile().value();
        if (!EventToProfileMapping.allowedTarget(target)) {
            warnings.add(ProfileWriter.skipped(source, String.valueOf(target),
                    "the target must start with one of " + EventToProfileMapping.ALLOWED_ROOTS));
            return false;
        }
        if (item.op() == null) {
            warnings.add(ProfileWriter.skipped(source, target, "unknown operation " + item.rawOp()));
            return false;
        }
        JsonNode value = null;
        if (item.event() != null && item.event().value() != null) {
            value = item.event().ref() ? DotPath.get(event.json(), item.event().value()).orElse(null)
                    : NODES.textNode(item.event().value());
        }
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
            warnings.add(ProfileWriter.skipped(source, target, "no value"));
            return false;
        }
        return switch (item.op()) {
            case EQUALS -> writer.set(target, value, source);
            case EQUALS_IF_NOT_EXISTS -> writer.setIfEmpty(target, value, source);
            case APPEND -> writer.append(target, value, source);
        };
    }
}
