package org.opencdp.server.workflow.plugins.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencdp.server.workflow.notation.InvalidReferenceException;
import org.opencdp.server.workflow.plugin.NodeContext;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugin.ResourceLookup;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;
import org.opencdp.server.workflow.template.StringTemplate;

/**
 * Send e-mail via SMTP (workflows §8): sends one message through the SMTP server of a resource and re-emits
 * {@code {"result": <input>}} on {@code payload}. {@code send_from}, {@code send_to} and {@code reply_to} are
 * dot references or literal addresses ({@code send_to} may also hold a list or a comma-separated text); title and
 * message are string templates. A message that cannot be built or sent (bad address, unreachable server, refused
 * login, timeout) goes to {@code error} as {@code {"message": …, "result": {"error": …}}}.
 *
 * <p>Two init shapes are read: Tracardi 0.7+ {@code {"resource": {id, name}, "mail": {…, "message": {content,
 * type}}}} and the older {@code {"source": {id}, "message": {…, "message": "<text>"}}}.
 */
public final class SmtpDispatcherAction extends BasePlugin {

    private static final String HTML = "text/html";
    private static final String PLAIN = "text/plain";

    private final ResourceLookup resources;
    private final SmtpMailer mailer = new SmtpMailer();

    public SmtpDispatcherAction(ResourceLookup resources) {
        super(V1 + "connectors.smtp_call.plugin", "SmtpDispatcherAction", "Send e-mail via SMTP", "Connectors",
                List.of("payload"), List.of("payload", "error"),
                "{\"resource\": {\"id\": \"\", \"name\": \"\"}, \"mail\": {\"send_to\": \"\", \"send_from\": \"\","
                        + " \"reply_to\": \"\", \"title\": \"\", \"message\": {\"content\": \"\", \"type\": \"text/plain\"}}}",
                "Sends an e-mail through the SMTP server of a resource.");
        this.resources = resources;
    }

    private record Config(String resourceId, String sendFrom, String sendTo, String replyTo, String title,
                          String content, boolean html) {
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        JsonNode resource = config.has("resource") ? config.path("resource") : config.path("source");
        String resourceId = Init.text(resource, "id", "");
        if (resourceId.isBlank()) {
            throw new PluginConfigException("resource.id must name the SMTP resource");
        }
        JsonNode mail = config.has("mail") ? config.path("mail") : config.path("message");
        if (!mail.isObject()) {
            throw new PluginConfigException("mail must be an object with send_from, send_to, title and message");
        }
        JsonNode message = mail.path("message");
        String content;
        String type = PLAIN;
        if (message.isObject()) {
            content = Init.text(message, "content", "");
            type = Init.text(message, "type", PLAIN).trim().toLowerCase(Locale.ROOT);
            if (!type.equals(PLAIN) && !type.equals(HTML)) {
                throw new PluginConfigException("mail.message.type must be text/plain or text/html, not '" + type + "'");
            }
        } else {
            content = Init.text(mail, "message", "");
        }
        if (content.isEmpty()) {
            throw new PluginConfigException("mail.message must not be empty");
        }
        Config parsed = new Config(resourceId, required(mail, "send_from"), required(mail, "send_to"),
                Init.text(mail, "reply_to", ""), required(mail, "title"), content, type.equals(HTML));
        return (port, payload, context) -> send(parsed, payload, context);
    }

    private static String required(JsonNode mail, String field) throws PluginConfigException {
        String value = Init.text(mail, field, "");
        if (value.isBlank()) {
            throw new PluginConfigException("mail." + field + " must not be empty");
        }
        return value;
    }

    private List<PortResult> send(Config config, JsonNode payload, NodeContext context) throws Exception {
        // Test credentials for debug runs and the staging context (workflows §4).
        boolean test = context.debug() || (context.scope() != null && !context.scope().production());
        JsonNode credentials = resources.credentials(context.scope(), config.resourceId(), test).orElseThrow(() ->
                new IllegalArgumentException("There is no resource " + config.resourceId() + "."));
        try {
            SmtpSettings server = SmtpSettings.from(credentials);
            EmailMessage email = new EmailMessage(single(context, config.sendFrom(), "send_from"),
                    recipients(context, config.sendTo()), replyTo(context, config.replyTo()),
                    StringTemplate.render(config.title(), context.dots(), context.console()),
                    StringTemplate.render(config.content(), context.dots(), context.console()), config.html());
            mailer.send(server, email);
        } catch (MessagingException | IllegalArgumentException | InvalidReferenceException e) {
            String reason = "E-mail was not sent: " + describe(e);
            context.console().error(reason);
            ObjectNode error = Init.errorMessage(reason);
            error.putObject("result").put("error", reason);
            return PortResult.on("error", error);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("result", payload == null ? JsonNodeFactory.instance.nullNode() : payload);
        return PortResult.on("payload", result);
    }

    /** An address field: a dot reference or a literal, which must come out as one text. */
    private static String single(NodeContext context, String configured, String field) {
        JsonNode value = context.dots().resolve(TextNode.valueOf(configured));
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be an e-mail address, but '" + configured + "' gives "
                    + (value == null ? "nothing" : value.toString()) + ".");
        }
        return value.asText().trim();
    }

    /** Recipients: one address, a comma-separated text, or a list of addresses. */
    private static List<String> recipients(NodeContext context, String configured) {
        JsonNode value = context.dots().resolve(TextNode.valueOf(configured));
        List<String> addresses = new ArrayList<>();
        if (value != null && value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException("send_to: every recipient must be a text, not " + item + ".");
                }
                addresses.add(item.asText().trim());
            }
        } else if (value != null && value.isTextual()) {
            for (String part : value.asText().split(",")) {
                if (!part.isBlank()) {
                    addresses.add(part.trim());
                }
            }
        } else {
            throw new IllegalArgumentException("send_to must give an e-mail address or a list of them, but '"
                    + configured + "' gives " + value + ".");
        }
        return addresses;
    }

    /** Reply-to is optional: blank means none, and a reference to a missing value is left out with a warning. */
    private static String replyTo(NodeContext context, String configured) {
        if (configured.isBlank()) {
            return null;
        }
        try {
            return single(context, configured, "reply_to");
        } catch (InvalidReferenceException missing) {
            context.console().warning("reply_to " + configured + " is missing; the e-mail has no Reply-To.");
            return null;
        }
    }

    /** The exception's message followed by its causes' (e.g. "Couldn't connect to host … : Connection refused"). */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString().strip();
    }
}
