package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.profile.ProfileDocument;

/**
 * The native functions of the built-in event types (domain-model §13): the journey state of page views and
 * opened sessions, the lifetime checkout percentage, and the interest counters.
 */
final class NativeFunctions {

    static final String AWARENESS = "awareness";
    static final String CONSIDERATION = "consideration";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NativeFunctions() {
    }

    /** {@code page_view}, {@code session_opened}: awareness on the first visit, consideration after. */
    static String state(EventTypeDefinition.Function function, ProfileDocument profile) {
        return profile == null || profile.visitCount() <= 1 ? AWARENESS : CONSIDERATION;
    }

    /** Runs one computation; returns whether the profile changed. */
    static boolean compute(EventTypeDefinition.Computation computation, EventDocument event, ProfileWriter writer,
                           List<String> warnings) {
        return switch (computation.function()) {
            case COMPUTE_LTCOP -> writer.set(computation.target() == null ? "data.metrics.ltcop" : computation.target(),
                    NODES.numberNode(ltcop(writer.profile())), "compute_ltcop");
            case INCREASE_INTEREST -> interest(event, writer, warnings, 1, false);
            case DECREASE_INTEREST -> interest(event, writer, warnings, -1, false);
            case RESET_INTEREST -> interest(event, writer, warnings, 0, true);
            // State functions are not computations; the data never lists them here.
            case PAGE_VIEW, SESSION_OPENED -> false;
        };
    }

    /** Lifetime checkout percentage: completed ÷ started checkouts, 0 without any started (D27). */
    static double ltcop(ProfileDocument profile) {
        double started = number(profile.json(), "data.metrics.ltcosc");
        double completed = number(profile.json(), "data.metrics.ltcocc");
        return started == 0 ? 0.0 : completed / started;
    }

    /**
     * {@code interests[properties.interest]} += or −= {@code properties.value} (default 1), or reset to it
     * (default 0).
     */
    private static boolean interest(EventDocument event, ProfileWriter writer, List<String> warnings, int sign,
                                    boolean reset) {
        JsonNode name = DotPath.get(event.json(), "properties.interest").orElse(null);
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            warnings.add(ProfileWriter.skipped("properties.interest", "interests", "no interest name"));
            return false;
        }
        String key = name.textValue().strip();
        if (key.contains(".")) {
            // A dot would nest the interest in the index and clash with other names.
            warnings.add(ProfileWriter.skipped("properties.interest", "interests", "an interest name can not contain '.'"));
            return false;
        }
        String target = "interests." + key;
        JsonNode raw = DotPath.get(event.json(), "properties.value").orElse(null);
        BigDecimal value;
        if (raw == null || raw.isNull()) {
            value = reset ? BigDecimal.ZERO : BigDecimal.ONE;
        } else {
            Optional<BigDecimal> parsed = FieldCoercion.number(raw);
            if (parsed.isEmpty()) {
                warnings.add(ProfileWriter.skipped("properties.value", target, "not a number: " + FieldCoercion.describe(raw)));
                return false;
            }
            value = parsed.get();
        }
        double result;
        if (reset) {
            result = value.doubleValue();
        } else {
            JsonNode current = writer.current(target).orElse(null);
            if (current != null && !current.isNull() && !current.isNumber()) {
                warnings.add(ProfileWriter.skipped("properties.value", target, "the current value is not a number"));
                return false;
            }
            double base = current == null || current.isNull() ? 0.0 : current.doubleValue();
            result = base + sign * value.doubleValue();
        }
        if (!Double.isFinite(result)) {
            warnings.add(ProfileWriter.skipped("properties.value", target, "the result is out of range"));
            return false;
        }
        return writer.set(target, NODES.numberNode(result), "properties.value");
    }

    private static double number(JsonNode root, String path) {
        JsonNode value = DotPath.get(root, path).orElse(null);
        return value != null && value.isNumber() ? value.doubleValue() : 0.0;
    }
}
