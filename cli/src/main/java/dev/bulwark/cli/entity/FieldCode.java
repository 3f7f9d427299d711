package dev.bulwark.cli.entity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The code one field becomes in each generated file: the per-type rules of the templates, in one place. */
final class FieldCode {

    private final Field field;
    private final String entity;

    FieldCode(Field field, String entity) {
        this.field = field;
        this.entity = entity;
    }

    String javaType() {
        return switch (field.type()) {
            case STRING, TEXT -> "String";
            case INT -> "Integer";
            case LONG -> "Long";
            case DECIMAL -> "BigDecimal";
            case BOOLEAN -> "Boolean";
            case DATE -> "LocalDate";
            case TIMESTAMP -> "Instant";
            case UUID, REF -> "UUID";
            case ENUM -> enumType();
        };
    }

    String enumType() {
        return entity + capitalized(field.name());
    }

    String entityField() {
        String declaration =
                "private " + (field.required() ? "" : "@Nullable ") + javaType() + " " + field.property() + ";";
        return field.type() == FieldType.ENUM ? "@Enumerated(EnumType.STRING)\n    " + declaration : declaration;
    }

    String createValue() {
        String value = "values." + field.property() + "()";
        if (field.required()) {
            value = "Objects.requireNonNull(" + value + ", \"" + field.property() + " is required\")";
        }
        return normalized(value);
    }

    String changeValue() {
        return normalized("changes." + field.property() + "()");
    }

    private String normalized(String value) {
        return switch (field.type()) {
            case DECIMAL -> "scaled(" + value + ")";
            case TIMESTAMP -> "truncated(" + value + ")";
            default -> value;
        };
    }

    /** Bean Validation of the create body ({@code update} false) or of the partial update. */
    String annotations(boolean update) {
        List<String> rules = new ArrayList<>();
        if (field.required() && !update) {
            rules.add("@NotNull");
        }
        switch (field.type()) {
            case STRING, TEXT -> {
                rules.add(
                        field.min() != null && field.min().signum() > 0
                                ? "@Size(min = " + field.min().toPlainString() + ", max = " + field.maxLength() + ")"
                                : "@Size(max = " + field.maxLength() + ")");
                String pattern = field.type() == FieldType.TEXT
                        ? (field.required() ? "MULTI_LINE_NOT_BLANK" : "MULTI_LINE")
                        : (field.required() ? "NOT_BLANK" : "NO_CONTROL_CHARACTERS");
                rules.add("@Pattern(regexp = Inputs." + pattern + ", message = Inputs." + pattern + "_MESSAGE)");
            }
            case INT, LONG -> {
                if (field.min() != null) {
                    rules.add(
                            "@Min(" + field.min().toPlainString() + (field.type() == FieldType.LONG ? "L" : "") + ")");
                }
                if (field.max() != null) {
                    rules.add(
                            "@Max(" + field.max().toPlainString() + (field.type() == FieldType.LONG ? "L" : "") + ")");
                }
            }
            case DECIMAL -> {
                if (field.min() != null) {
                    rules.add("@DecimalMin(\"" + field.min().toPlainString() + "\")");
                }
                if (field.max() != null) {
                    rules.add("@DecimalMax(\"" + field.max().toPlainString() + "\")");
                }
                rules.add("@Digits(integer = 15, fraction = 4)");
            }
            case DATE, TIMESTAMP -> rules.add("@Timestamps.InRange");
            default -> {}
        }
        if (update || !field.required()) {
            rules.add("@Nullable");
        }
        return String.join(" ", rules);
    }

    /** Nullable fields say so in the OpenAPI document (a client may then see null). */
    String viewAnnotations() {
        if (field.required()) {
            return "";
        }
        String json = switch (field.type()) {
            case INT, LONG -> "integer";
            case DECIMAL -> "number";
            case BOOLEAN -> "boolean";
            default -> "string";
        };
        String format = switch (field.type()) {
            case INT -> ", format = \"int32\"";
            case LONG -> ", format = \"int64\"";
            case UUID, REF -> ", format = \"uuid\"";
            case DATE -> ", format = \"date\"";
            case TIMESTAMP -> ", format = \"date-time\"";
            default -> "";
        };
        return "@Schema(types = {\"" + json + "\", \"null\"}" + format + ") @Nullable ";
    }

    String readExpression() {
        String column = "\"" + field.column() + "\"";
        return switch (field.type()) {
            case STRING, TEXT -> "rs.getString(" + column + ")";
            case INT -> "rs.getObject(" + column + ", Integer.class)";
            case LONG -> "rs.getObject(" + column + ", Long.class)";
            case DECIMAL -> "rs.getBigDecimal(" + column + ")";
            case BOOLEAN -> "rs.getObject(" + column + ", Boolean.class)";
            case DATE -> "rs.getObject(" + column + ", LocalDate.class)";
            case TIMESTAMP -> "instant(rs, " + column + ")";
            case UUID, REF -> "rs.getObject(" + column + ", UUID.class)";
            case ENUM ->
                "rs.getString(" + column + ") == null ? null : " + enumType() + ".valueOf(rs.getString(" + column
                        + "))";
        };
    }

    String filterParam() {
        String rules = switch (field.type()) {
            case STRING -> "@Size(max = " + field.maxLength() + ") ";
            case DATE -> "@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Timestamps.InRange ";
            case TIMESTAMP -> "@Timestamps.InRange ";
            default -> "";
        };
        return "@RequestParam(required = false) " + rules + "@Nullable " + javaType() + " " + field.property();
    }

    String filterValue() {
        String value = "filter." + field.property() + "()";
        return field.type() == FieldType.ENUM ? "nameOf(" + value + ")" : value;
    }

    /** The column's line of the CREATE TABLE, its name padded to {@code width} so the types line up. */
    String sqlColumn(String table, String refTable, int width) {
        String type = switch (field.type()) {
            case STRING -> "VARCHAR(" + field.maxLength() + ")";
            case TEXT -> "TEXT";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DECIMAL -> "NUMERIC(19, 4)";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
            case UUID, REF -> "UUID";
            case ENUM ->
                "VARCHAR("
                        + field.values().stream().mapToInt(String::length).max().orElse(1) + ")";
        };
        List<String> parts = new ArrayList<>(List.of(pad(field.column(), width) + type));
        if (field.required()) {
            parts.add("NOT NULL");
        }
        if (field.type().numeric() && (field.min() != null || field.max() != null)) {
            List<String> bounds = new ArrayList<>();
            if (field.min() != null) {
                bounds.add(field.column() + " >= " + field.min().toPlainString());
            }
            if (field.max() != null) {
                bounds.add(field.column() + " <= " + field.max().toPlainString());
            }
            parts.add("CHECK (" + String.join(" AND ", bounds) + ")");
        }
        if (field.type() == FieldType.ENUM) {
            parts.add("CHECK (" + field.column() + " IN ('" + String.join("', '", field.values()) + "'))");
        }
        if (field.type() == FieldType.REF) {
            parts.add("CONSTRAINT " + foreignKey(table) + " REFERENCES " + refTable + " (id)");
        }
        return String.join(" ", parts);
    }

    String foreignKey(String table) {
        return table + "_" + Field.snake(field.name()) + "_fk";
    }

    String uniqueIndex(String table) {
        return table + "_" + field.column() + "_key";
    }

    String filterIndex(String table) {
        return table + "_" + Field.snake(field.name()) + "_idx";
    }

    /** A statement of the test's {@code valid()}: a value that passes every rule. */
    String sampleLine(String createRef) {
        String put = "body.put(\"" + field.property() + "\", ";
        return put
                + switch (field.type()) {
                    case STRING, TEXT -> "text(" + minLength() + ", " + field.maxLength() + ")";
                    case INT ->
                        "(int) number(" + bound(field.min(), Integer.MIN_VALUE) + "L, "
                                + bound(field.max(), Integer.MAX_VALUE) + "L, " + field.unique() + ")";
                    case LONG ->
                        "number(" + bound(field.min(), Long.MIN_VALUE) + "L, " + bound(field.max(), Long.MAX_VALUE)
                                + "L, " + field.unique() + ")";
                    case DECIMAL ->
                        field.unique()
                                ? "BigDecimal.valueOf(number(" + bound(field.min(), -999_999_999L) + "L, "
                                        + bound(field.max(), 999_999_999L) + "L, true))"
                                : "\"" + decimalSample().toPlainString() + "\"";
                    case BOOLEAN -> "true";
                    case DATE -> "date(" + field.unique() + ")";
                    case TIMESTAMP -> "instant(" + field.unique() + ")";
                    case UUID -> "UUID.randomUUID().toString()";
                    case ENUM -> "\"" + field.values().getFirst() + "\"";
                    case REF -> createRef + "()";
                }
                + ");";
    }

    /** The same rules, as a JSON value with no randomness (for the access matrix). */
    String fixedJson() {
        return switch (field.type()) {
            case STRING, TEXT -> "\"" + "m".repeat(Math.max(1, minLength())) + "\"";
            case INT, LONG ->
                String.valueOf(
                        Math.max(bound(field.min(), Long.MIN_VALUE), Math.min(7, bound(field.max(), Long.MAX_VALUE))));
            case DECIMAL -> decimalSample().toPlainString();
            case BOOLEAN -> "true";
            case DATE -> "\"2024-02-29\"";
            case TIMESTAMP -> "\"2026-11-30T12:34:56Z\"";
            case UUID, REF -> "\"01900000-0000-7000-8000-000000000000\"";
            case ENUM -> "\"" + field.values().getFirst() + "\"";
        };
    }

    private BigDecimal decimalSample() {
        BigDecimal sample = new BigDecimal("12.50");
        if (field.min() != null && sample.compareTo(field.min()) < 0) {
            sample = field.min();
        }
        if (field.max() != null && sample.compareTo(field.max()) > 0) {
            sample = field.max();
        }
        return sample;
    }

    private int minLength() {
        return field.min() == null ? 1 : Math.max(1, field.min().intValueExact());
    }

    private static long bound(BigDecimal value, long otherwise) {
        return value == null ? otherwise : value.longValueExact();
    }

    /** The test's invalid cases for this field: Java expressions {@code new Invalid(field, json)}. */
    List<String> invalids() {
        List<String> json = new ArrayList<>();
        if (field.required()) {
            json.add("null");
        }
        switch (field.type()) {
            case STRING, TEXT -> {
                if (field.required()) {
                    json.add(quoted("   "));
                }
                if (field.maxLength() < 500_000) {
                    json.add("\"\\\"\" + \"x\".repeat(" + (field.maxLength() + 1) + ") + \"\\\"\"");
                }
                if (field.min() != null && field.min().intValueExact() > 1) {
                    json.add("\"\\\"\" + \"x\".repeat(" + (field.min().intValueExact() - 1) + ") + \"\\\"\"");
                }
                json.add(field.type() == FieldType.TEXT ? quoted("bell\\\\u0007") : quoted("a\\\\u202Eb"));
                json.add("\"{}\"");
            }
            case INT, LONG -> {
                if (field.min() != null && field.min().longValueExact() > Long.MIN_VALUE) {
                    json.add("\"" + field.min().subtract(BigDecimal.ONE).toPlainString() + "\"");
                }
                if (field.max() != null && field.max().longValueExact() < Long.MAX_VALUE) {
                    json.add("\"" + field.max().add(BigDecimal.ONE).toPlainString() + "\"");
                }
                json.add(field.type() == FieldType.INT ? "\"3000000000\"" : "\"99999999999999999999\"");
                json.add(quoted("many"));
            }
            case DECIMAL -> {
                if (field.min() != null) {
                    json.add("\"" + field.min().subtract(new BigDecimal("0.01")).toPlainString() + "\"");
                }
                if (field.max() != null) {
                    json.add("\"" + field.max().add(new BigDecimal("0.01")).toPlainString() + "\"");
                }
                json.add("\"1.00001\"");
                json.add("\"1e16\"");
                json.add(quoted("cheap"));
            }
            case BOOLEAN -> json.add(quoted("maybe"));
            case DATE -> {
                json.add(quoted("2024-02-30"));
                json.add(quoted("+10000-01-01"));
            }
            case TIMESTAMP -> {
                json.add(quoted("yesterday"));
                json.add(quoted("+10000-01-01T00:00:00Z"));
            }
            case UUID -> json.add(quoted("123"));
            case ENUM -> json.add(quoted("NOT_A_" + field.values().getFirst()));
            case REF -> json.add(quoted("not-a-uuid"));
        }
        return json.stream()
                .map(value -> "new Invalid(\"" + field.property() + "\", " + value + ")")
                .toList();
    }

    /** A query-parameter value a filter on this field refuses with 400, as a Java string literal; null if none. */
    String invalidFilter() {
        return switch (field.type()) {
            case STRING -> field.maxLength() < 2000 ? "\"x\".repeat(" + (field.maxLength() + 1) + ")" : null;
            case INT, LONG, DECIMAL -> "\"many\"";
            case DATE -> "\"2024-02-30\"";
            case TIMESTAMP -> "\"yesterday\"";
            case UUID, REF -> "\"not-a-uuid\"";
            case ENUM -> "\"NOT_A_" + field.values().getFirst() + "\"";
            default -> null;
        };
    }

    /** A JSON string holding {@code text}, as a Java string literal. */
    private static String quoted(String text) {
        return "\"\\\"" + text + "\\\"\"";
    }

    static String pad(String name, int width) {
        return name + " ".repeat(Math.max(1, width - name.length() + 1));
    }

    static String capitalized(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
