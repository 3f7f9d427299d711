package dev.bulwark.cli.entity;

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

    /** An enum is stored by its constant's name, as Spring Data JDBC writes enums. */
    String entityField() {
        return "private " + (field.required() ? "" : "@Nullable ") + javaType() + " " + field.property() + ";";
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

    static String capitalized(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
