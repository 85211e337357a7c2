package org.opencdp.server.storage.mysql;

import java.util.Objects;
import java.util.function.Function;

/**
 * A lookup column of a configuration table, filled from the entity on every write (the entity itself lives in
 * {@code data}). Text values longer than the column are cut, so an oversized display name never fails a save.
 *
 * @param name      the SQL column name (a constant of the code, never user input)
 * @param kind      how the value is bound
 * @param maxLength the column width for text values
 * @param value     reads the value out of the entity
 */
public record ConfigColumn<T>(String name, Kind kind, int maxLength, Function<T, Object> value) {

    /** How a column value is written. */
    public enum Kind {
        /** text; null is written as null */
        TEXT,
        /** text of a NOT NULL column; null is written as {@code ''} */
        REQUIRED_TEXT,
        BOOLEAN,
        NUMBER,
        /** any value serialised as JSON */
        JSON
    }

    public ConfigColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a column name: " + name);
        }
    }

    public static <T> ConfigColumn<T> text(String name, int maxLength, Function<T, ?> value) {
        return new ConfigColumn<>(name, Kind.TEXT, maxLength, value::apply);
    }

    public static <T> ConfigColumn<T> requiredText(String name, int maxLength, Function<T, ?> value) {
        return new ConfigColumn<>(name, Kind.REQUIRED_TEXT, maxLength, value::apply);
    }

    public static <T> ConfigColumn<T> flag(String name, Function<T, Boolean> value) {
        return new ConfigColumn<>(name, Kind.BOOLEAN, 0, value::apply);
    }

    public static <T> ConfigColumn<T> number(String name, Function<T, ? extends Number> value) {
        return new ConfigColumn<>(name, Kind.NUMBER, 0, value::apply);
    }

    public static <T> ConfigColumn<T> json(String name, Function<T, ?> value) {
        return new ConfigColumn<>(name, Kind.JSON, 0, value::apply);
    }

    /** The value to bind for this entity (JSON columns still need serialising by the table). */
    Object extract(T entity) {
        Object raw = value.apply(entity);
        return switch (kind) {
            case TEXT -> raw == null ? null : truncate(String.valueOf(raw));
            case REQUIRED_TEXT -> raw == null ? "" : truncate(String.valueOf(raw));
            case BOOLEAN -> raw instanceof Boolean flag ? flag : Boolean.FALSE;
            case NUMBER -> raw instanceof Number number ? number.doubleValue() : 0.0;
            case JSON -> raw;
        };
    }

    private String truncate(String text) {
        return maxLength > 0 && text.length() > maxLength ? text.substring(0, maxLength) : text;
    }
}
