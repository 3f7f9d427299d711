package dev.bulwark.cli.entity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The values the generated tests use for one field: a valid sample, a fixed one, and those the service refuses. */
final class FieldSamples {

    private final Field field;

    FieldSamples(Field field) {
        this.field = field;
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
}
