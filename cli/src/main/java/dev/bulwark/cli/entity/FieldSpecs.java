package dev.bulwark.cli.entity;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Identifiers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code name:type[:option...]}: every mistake is a {@link CliError} that names the field and what to write. */
public final class FieldSpecs {

    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");
    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,39}");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern TYPED = Pattern.compile("(enum|ref)\\((.*)\\)");

    /** Names the generated code uses itself: a field of that name would clash with them. */
    static final Set<String> TAKEN =
            Set.of("id", "version", "createdAt", "updatedAt", "limit", "after", "clock", "values", "changes", "filter");

    private FieldSpecs() {}

    /** All of {@code specs}, checked against each other (duplicates) as well as one by one. */
    public static List<Field> parseAll(List<String> specs) {
        List<Field> fields = new ArrayList<>();
        Set<String> properties = new HashSet<>();
        for (String spec : specs) {
            Field field = parse(spec);
            for (String taken : new LinkedHashSet<>(List.of(field.name(), field.property()))) {
                if (!properties.add(taken)) {
                    throw new CliError("field '" + taken + "' is given twice (a reference field x is also named xId)");
                }
            }
            fields.add(field);
        }
        return fields;
    }

    public static Field parse(String spec) {
        int typeStart = spec.indexOf(':');
        if (typeStart < 0) {
            throw new CliError("'" + spec + "' has no type: write name:type[:option...], e.g. price:decimal:min=0 ("
                    + "types: " + FieldType.labels() + ")");
        }
        String name = requireFieldName(spec.substring(0, typeStart));
        String rest = spec.substring(typeStart + 1);
        int typeEnd = rest.startsWith("enum(") || rest.startsWith("ref(") ? rest.indexOf(')') + 1 : rest.indexOf(':');
        if (typeEnd <= 0) {
            typeEnd = rest.length();
        }
        String typeText = rest.substring(0, typeEnd);
        List<String> options = typeEnd < rest.length()
                ? List.of(rest.substring(typeEnd).replaceFirst("^:", "").split(":", -1))
                : List.of();
        if (typeEnd < rest.length() && rest.charAt(typeEnd) != ':') {
            throw new CliError("field '" + name + "': expected ':' after " + typeText + " in '" + spec + "'");
        }
        Matcher typed = TYPED.matcher(typeText);
        FieldType type;
        List<String> values = List.of();
        String ref = null;
        if (typed.matches()) {
            type = typed.group(1).equals("enum") ? FieldType.ENUM : FieldType.REF;
            if (type == FieldType.ENUM) {
                values = enumValues(name, typed.group(2));
            } else {
                ref = requireEntityName(typed.group(2), "field '" + name + "' refers to");
            }
        } else {
            type = FieldType.of(typeText)
                    .orElseThrow(() -> new CliError("field '" + name + "': unknown type '" + typeText + "' (types: "
                            + FieldType.labels() + ")"));
        }
        return withOptions(name, type, values, ref, options);
    }

    private static Field withOptions(
            String name, FieldType type, List<String> values, String ref, List<String> options) {
        boolean required = false;
        boolean unique = false;
        BigDecimal min = null;
        BigDecimal max = null;
        Set<String> seen = new HashSet<>();
        for (String option : options) {
            String key = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (!type.options.contains(key)) {
                throw new CliError("field '" + name + "': option '" + option + "' is unknown for " + type.label()
                        + " (it takes: " + String.join(", ", new java.util.TreeSet<>(type.options)) + ")");
            }
            if (!seen.add(key)) {
                throw new CliError("field '" + name + "': option '" + key + "' is given twice");
            }
            switch (key) {
                case "required" -> required = flag(name, option);
                case "unique" -> unique = flag(name, option);
                case "min" -> min = number(name, type, option);
                default -> max = number(name, type, option);
            }
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new CliError(
                    "field '" + name + "': min=" + min.toPlainString() + " is above max=" + max.toPlainString());
        }
        if (type.textual() && max != null && max.signum() == 0) {
            throw new CliError("field '" + name + "': max=0 leaves no room for any text");
        }
        return new Field(name, type, required, unique, min, max, values, ref);
    }

    private static boolean flag(String field, String option) {
        if (option.contains("=")) {
            throw new CliError("field '" + field + "': option '" + option + "' takes no value");
        }
        return true;
    }

    /** A length for strings and texts, a value within the Java type for numbers. */
    private static BigDecimal number(String field, FieldType type, String option) {
        String text = option.contains("=") ? option.substring(option.indexOf('=') + 1) : "";
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new CliError("field '" + field + "': option '" + option + "' needs a number, e.g. "
                    + option.split("=")[0] + "=10");
        }
        BigDecimal lowest = switch (type) {
            case STRING, TEXT -> BigDecimal.ZERO;
            case INT -> BigDecimal.valueOf(Integer.MIN_VALUE);
            case LONG -> BigDecimal.valueOf(Long.MIN_VALUE);
            default -> new BigDecimal("-999999999999999.9999");
        };
        BigDecimal highest = switch (type) {
            case STRING -> BigDecimal.valueOf(10_485_760); // PostgreSQL's longest varchar
            case TEXT -> BigDecimal.valueOf(1_000_000); // the default request body limit is 1 MiB
            case INT -> BigDecimal.valueOf(Integer.MAX_VALUE);
            case LONG -> BigDecimal.valueOf(Long.MAX_VALUE);
            default -> new BigDecimal("999999999999999.9999"); // numeric(19, 4)
        };
        boolean whole = type != FieldType.DECIMAL;
        if ((whole && value.stripTrailingZeros().scale() > 0)
                || value.compareTo(lowest) < 0
                || value.compareTo(highest) > 0
                || value.scale() > 4) {
            throw new CliError("field '" + field + "': option '" + option + "' must be "
                    + (whole ? "a whole number " : "a number with at most 4 decimals ")
                    + "from " + lowest.toPlainString() + " to " + highest.toPlainString());
        }
        return whole ? value.setScale(0) : value;
    }

    private static List<String> enumValues(String field, String list) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : list.split(",", -1)) {
            String constant = value.strip();
            if (!CONSTANT.matcher(constant).matches()) {
                throw new CliError("field '" + field + "': enum value '" + constant + "' must be upper-case ASCII"
                        + " letters, digits and '_', starting with a letter (e.g. enum(BOOK,TOY))");
            }
            if (!values.add(constant)) {
                throw new CliError("field '" + field + "': enum value '" + constant + "' is given twice");
            }
        }
        return List.copyOf(values);
    }

    static String requireFieldName(String name) {
        if (!FIELD_NAME.matcher(name).matches()) {
            throw new CliError("field name '" + name + "' must be 1-40 ASCII letters and digits in camelCase,"
                    + " starting with a lower-case letter (e.g. unitPrice)");
        }
        if (Identifiers.JAVA_KEYWORDS.contains(name)) {
            throw new CliError("field name '" + name + "' is a Java keyword: choose another name");
        }
        if (Identifiers.SQL_RESERVED.contains(Field.snake(name))) {
            throw new CliError("field name '" + name + "' is an SQL reserved word (column " + Field.snake(name)
                    + "): choose another name");
        }
        if (TAKEN.contains(name)) {
            throw new CliError("field name '" + name + "' is used by the generated code itself ("
                    + String.join(", ", new java.util.TreeSet<>(TAKEN)) + "): choose another name");
        }
        return name;
    }

    /** An entity name: PascalCase ASCII whose package (lower case) is no Java keyword, whose table no SQL word. */
    public static String requireEntityName(String name, String what) {
        if (!ENTITY_NAME.matcher(name).matches()) {
            throw new CliError(what + " '" + name + "': an entity name is 1-40 ASCII letters and digits in"
                    + " PascalCase, starting with an upper-case letter (e.g. Product, PurchaseOrder)");
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (Identifiers.JAVA_KEYWORDS.contains(lower)) {
            throw new CliError(what + " '" + name + "': its package would be '" + lower + "', a Java keyword");
        }
        if (Identifiers.SQL_RESERVED.contains(Field.snake(name))) {
            throw new CliError(
                    what + " '" + name + "': its table would be '" + Field.snake(name) + "', an SQL reserved word");
        }
        return name;
    }
}
