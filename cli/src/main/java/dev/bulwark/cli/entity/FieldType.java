package dev.bulwark.cli.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The types a field can have, with the options that mean something for each. */
public enum FieldType {
    STRING(Set.of("required", "unique", "min", "max")),
    TEXT(Set.of("required", "min", "max")),
    INT(Set.of("required", "unique", "min", "max")),
    LONG(Set.of("required", "unique", "min", "max")),
    DECIMAL(Set.of("required", "unique", "min", "max")),
    BOOLEAN(Set.of("required")),
    DATE(Set.of("required", "unique")),
    TIMESTAMP(Set.of("required", "unique")),
    UUID(Set.of("required", "unique")),
    ENUM(Set.of("required")),
    REF(Set.of("required"));

    /** The options this type accepts. */
    final Set<String> options;

    FieldType(Set<String> options) {
        this.options = options;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<FieldType> of(String label) {
        return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst();
    }

    static String labels() {
        return "string, text, int, long, decimal, boolean, date, timestamp, uuid, enum(A,B,...), ref(Entity)";
    }

    boolean numeric() {
        return this == INT || this == LONG || this == DECIMAL;
    }

    boolean textual() {
        return this == STRING || this == TEXT;
    }
}
