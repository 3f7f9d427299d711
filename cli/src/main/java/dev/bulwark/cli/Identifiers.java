package dev.bulwark.cli;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Names the generator accepts: ASCII only, and none that Java or SQL keeps for itself. */
public final class Identifiers {

    /** Java's reserved keywords and literals (JLS 3.9), plus the contextual ones that break a declaration. */
    public static final Set<String> JAVA_KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "_",
            "var",
            "record",
            "yield",
            "sealed",
            "permits",
            "non-sealed",
            "module",
            "exports",
            "requires",
            "open",
            "opens",
            "to",
            "uses",
            "provides",
            "with",
            "transitive",
            "when");

    /** SQL:2016 reserved words that PostgreSQL also reserves (its appendix C), which a table or column cannot be. */
    public static final Set<String> SQL_RESERVED = Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "authorization",
            "between",
            "binary",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "collation",
            "column",
            "concurrently",
            "constraint",
            "create",
            "cross",
            "current_catalog",
            "current_date",
            "current_role",
            "current_schema",
            "current_time",
            "current_timestamp",
            "current_user",
            "default",
            "deferrable",
            "desc",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "false",
            "fetch",
            "for",
            "foreign",
            "freeze",
            "from",
            "full",
            "grant",
            "group",
            "having",
            "ilike",
            "in",
            "initially",
            "inner",
            "intersect",
            "into",
            "is",
            "isnull",
            "join",
            "lateral",
            "leading",
            "left",
            "like",
            "limit",
            "localtime",
            "localtimestamp",
            "natural",
            "not",
            "notnull",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "outer",
            "overlaps",
            "placing",
            "primary",
            "references",
            "returning",
            "right",
            "select",
            "session_user",
            "similar",
            "some",
            "symmetric",
            "system_user",
            "table",
            "tablesample",
            "then",
            "to",
            "trailing",
            "true",
            "union",
            "unique",
            "user",
            "using",
            "variadic",
            "verbose",
            "when",
            "where",
            "window",
            "with");

    private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final Pattern PROJECT_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private Identifiers() {}

    /** A Java package or Maven group: lower-case ASCII segments, none of them a Java keyword. */
    public static String requirePackage(String option, String value) {
        if (!PACKAGE.matcher(value).matches()) {
            throw new CliError(option + " '" + value + "' is not a Java package name: lower-case ASCII letters, digits"
                    + " and '_', segments separated by '.', each starting with a letter (e.g. com.acme.orders)");
        }
        for (String segment : value.split("\\.")) {
            if (JAVA_KEYWORDS.contains(segment)) {
                throw new CliError(option + " '" + value + "': '" + segment + "' is a Java keyword");
            }
        }
        return value;
    }

    /** A project name: lower-case ASCII words joined by '-', as in a Maven artifact id or a DNS label. */
    public static String requireProjectName(String value) {
        if (value.length() > 40 || !PROJECT_NAME.matcher(value).matches()) {
            throw new CliError("--name '" + value + "' is not a project name: 1-40 lower-case ASCII letters and digits,"
                    + " words joined by '-', starting with a letter (e.g. orders or order-service)");
        }
        return value;
    }

    public static boolean isReserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return JAVA_KEYWORDS.contains(name) || SQL_RESERVED.contains(lower);
    }
}
