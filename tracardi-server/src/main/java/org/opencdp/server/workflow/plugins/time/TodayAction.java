package org.opencdp.server.workflow.plugins.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.NodeContext;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Today (workflows §8): emits the current time in UTC ({@code server}) and in the visitor's time zone
 * ({@code local}, from the {@code timezone} reference or name; UTC with a warning when missing or unknown).
 */
public final class TodayAction extends BasePlugin {

    public TodayAction() {
        super(V1 + "time.today_action", "TodayAction", "Today", "Time", List.of("payload"), List.of("payload"),
                "{\"timezone\": \"session@context.time.tz\"}", "Gives the day of the week, the date and the time.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String timezone = Init.text(initOrDefault(init), "timezone", "").trim();
        return (port, payload, context) -> {
            Instant now = context.now();
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("utcTime", Times.format(now));
            out.put("timestamp", Times.epochSeconds(now));
            out.set("server", describe(now.atZone(ZoneOffset.UTC)));
            out.set("local", describe(now.atZone(zone(timezone, context))));
            return PortResult.on("payload", out);
        };
    }

    private static ZoneId zone(String timezone, NodeContext context) {
        if (timezone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        Optional<JsonNode> value = DotReference.parse(timezone).isPresent()
                ? context.dots().read(DotReference.parse(timezone).get()) : Optional.of(TextNode.valueOf(timezone));
        if (value.isEmpty() || !value.get().isTextual()) {
            context.console().warning("No time zone at " + timezone + "; UTC is used.");
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value.get().textValue());
        } catch (DateTimeException e) {
            context.console().warning("Unknown time zone '" + value.get().textValue() + "'; UTC is used.");
            return ZoneOffset.UTC;
        }
    }

    private static ObjectNode describe(ZonedDateTime time) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("dayOfWeek", time.getDayOfWeek().name().toLowerCase(Locale.ROOT));
        out.put("day", time.getDayOfMonth());
        out.put("month", time.getMonthValue());
        out.put("year", time.getYear());
        out.put("week", time.getDayOfWeek().getValue());
        out.put("hour", time.getHour());
        out.put("minute", time.getMinute());
        out.put("second", time.getSecond());
        out.put("ms", time.getNano() / 1000);
        out.put("time", time.format(DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT)));
        out.put("iso", time.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT)));
        return out;
    }
}
