package dev.bulwark.cli.entity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One field of a scaffolded entity, as {@code name:type[:option...]} gives it.
 *
 * @param min for a string or text its shortest length, for a number its smallest value; null when not given
 * @param max for a string or text its longest length, for a number its largest value; null when not given
 * @param values the constants of an enum field, empty otherwise
 * @param ref the entity a ref field refers to, null otherwise
 */
public record Field(
        String name,
        FieldType type,
        boolean required,
        boolean unique,
        BigDecimal min,
        BigDecimal max,
        List<String> values,
        String ref) {

    /** The longest string a field keeps when it names no max. */
    static final int DEFAULT_STRING_MAX = 255;

    static final int DEFAULT_TEXT_MAX = 10_000;

    public Field {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** How {@code entity add} takes it, and {@code entity ls} shows it. */
    public String spec() {
        List<String> parts = new ArrayList<>();
        parts.add(name);
        parts.add(
                switch (type) {
                    case ENUM -> "enum(" + String.join(",", values) + ")";
                    case REF -> "ref(" + ref + ")";
                    default -> type.label();
                });
        if (required) {
            parts.add("required");
        }
        if (unique) {
            parts.add("unique");
        }
        if (min != null) {
            parts.add("min=" + min.toPlainString());
        }
        if (max != null) {
            parts.add("max=" + max.toPlainString());
        }
        return String.join(":", parts);
    }

    /** The name in Java and JSON: a reference {@code supplier} is {@code supplierId}. */
    public String property() {
        return type == FieldType.REF ? name + "Id" : name;
    }

    /** The column: the property in snake case. */
    public String column() {
        return snake(property());
    }

    /** The longest text a string or text field keeps. */
    int maxLength() {
        if (max != null) {
            return max.intValueExact();
        }
        return type == FieldType.TEXT ? DEFAULT_TEXT_MAX : DEFAULT_STRING_MAX;
    }

    /** Whether lists filter on it: it has an index of its own (unique, reference) or few values (enum). */
    boolean filter() {
        return unique || type == FieldType.REF || type == FieldType.ENUM;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
