package org.opencdp.server.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.InvalidBodyException;

/**
 * A validated user create/update body (domain-model §15.5): {@code email, password, name, roles, enabled,
 * expiration_date}. The 0.8.1 field {@code disabled} is accepted as the negation of {@code enabled}.
 *
 * @param password null when the body has none (allowed on update)
 */
public record UserInput(String email, String password, String name, List<String> roles, boolean enabled,
                        Long expirationTimestamp) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    public static UserInput parse(JsonNode body, boolean passwordRequired) {
        if (body == null || !body.isObject()) {
            throw InvalidBodyException.of("", "a JSON object is required");
        }
        List<InvalidBodyException.Problem> problems = new ArrayList<>();
        String email = text(body, "email");
        if (email == null || email.length() > 255 || !EMAIL.matcher(email.trim()).matches()) {
            problems.add(new InvalidBodyException.Problem("email", "value is not a valid email address"));
        }
        String password = text(body, "password");
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (passwordRequired && password == null) {
            problems.add(new InvalidBodyException.Problem("password", "field required"));
        }
        if (password != null && password.length() > 1024) {
            problems.add(new InvalidBodyException.Problem("password", "at most 1024 characters"));
        }
        Set<String> roles = new LinkedHashSet<>();
        JsonNode rolesNode = body.path("roles");
        if (rolesNode.isArray()) {
            for (JsonNode role : rolesNode) {
                ApiRoles.parse(role.asText()).ifPresentOrElse(roles::add, () -> problems.add(new InvalidBodyException.Problem(
                        "roles", "unknown role '" + role.asText() + "'; allowed: " + ApiRoles.ALL)));
            }
        } else if (!rolesNode.isMissingNode() && !rolesNode.isNull()) {
            problems.add(new InvalidBodyException.Problem("roles", "value is not a valid list"));
        }
        boolean enabled = body.has("enabled") ? body.path("enabled").asBoolean(true)
                : !body.path("disabled").asBoolean(false);
        Long expiration = null;
        String date = text(body, "expiration_date");
        if (date != null && !date.isBlank()) {
            try {
                expiration = LocalDate.parse(date.trim()).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException e) {
                problems.add(new InvalidBodyException.Problem("expiration_date", "expected a date YYYY-MM-DD"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidBodyException(problems);
        }
        String name = text(body, "name");
        return new UserInput(email.trim(), password, name == null ? "" : name, List.copyOf(roles), enabled, expiration);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
