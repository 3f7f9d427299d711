package dev.bulwark.cli.render;

import dev.bulwark.cli.Answers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Bulwark's files into a project's: the Java package, Maven coordinates, application name, problem type URIs,
 * API and README titles, jar and cookie names, token issuer and audience, Redis key prefix, and in compose.yaml and
 * deploy/ the image, service, Kubernetes object and label names. Everything else (the
 * {@code bulwark.*} settings, {@code BULWARK_*} variables, metric names, the {@code ./bulwark} launcher and the CLI
 * under {@code cli/}) keeps its name, so Bulwark's docs and later updates still apply. Rendering with
 * {@link Answers#BULWARK} changes nothing.
 */
public final class Renaming {

    /**
     * One replacement.
     *
     * @param where which files it applies to (by path)
     * @param find what to replace
     * @param replacement the new text, from the answers
     */
    record Rule(
            String name, Predicate<String> where, Pattern find, BiFunction<Answers, MatchResult, String> replacement) {

        Rule(String name, Predicate<String> where, Pattern find, Function<Answers, String> replacement) {
            this(name, where, find, (answers, match) -> replacement.apply(answers));
        }
    }

    private static final Predicate<String> ANY = path -> true;
    private static final Predicate<String> POM = "pom.xml"::equals;
    // Not dev.bulwark.cli: the CLI keeps its package in every project.
    private static final String PACKAGE = "dev\\.bulwark(?!\\.cli\\b)";

    static final List<Rule> RULES = List.of(
            new Rule("Maven group", POM, literal("<groupId>dev.bulwark</groupId>"), a -> tag("groupId", a.group())),
            new Rule(
                    "Maven artifact",
                    POM,
                    literal("<artifactId>bulwark</artifactId>"),
                    a -> tag("artifactId", a.name())),
            new Rule("Maven name", POM, literal("<name>Bulwark</name>"), a -> tag("name", a.title())),
            new Rule(
                    "Maven description",
                    POM,
                    literal("<description>" + Answers.BULWARK.description() + "</description>"),
                    a -> tag("description", xml(a.description()))),
            new Rule("jar name", POM, literal("<finalName>bulwark</finalName>"), a -> tag("finalName", a.name())),
            new Rule("problem type URIs", ANY, literal("https://bulwark.dev/problems/"), Answers::problemBaseUri),
            new Rule("Java package", ANY, Pattern.compile(PACKAGE), Answers::packageName),
            new Rule("Java package folder", ANY, Pattern.compile("dev/bulwark(?!/cli\\b)"), Answers::packagePath),
            new Rule("application class", ANY, literal("BulwarkApplication"), a -> a.typePrefix() + "Application"),
            new Rule("jar file", ANY, Pattern.compile("\\bbulwark\\.jar\\b"), a -> a.name() + ".jar"),
            new Rule("refresh cookie", ANY, Pattern.compile("\\bbulwark_refresh\\b"), a -> a.snakeName() + "_refresh"),
            new Rule("API title", ANY, literal("Bulwark API"), a -> a.title() + " API"),
            new Rule(
                    "application name",
                    "src/main/resources/application.yaml"::equals,
                    Pattern.compile("(?m)^(    name|      application): bulwark$"),
                    (BiFunction<Answers, MatchResult, String>) (a, m) -> m.group(1) + ": " + a.name()),
            new Rule(
                    "token issuer, audience and Redis key prefix defaults",
                    ANY,
                    Pattern.compile("@DefaultValue\\(\"bulwark(-api|:)?\"\\)"),
                    (BiFunction<Answers, MatchResult, String>)
                            (a, m) -> "@DefaultValue(\"" + a.name() + suffix(m) + "\")"),
            new Rule(
                    "the same defaults in the configuration reference",
                    "docs/configuration.md"::equals,
                    Pattern.compile("\\| `bulwark(-api|:)?` \\|"),
                    (BiFunction<Answers, MatchResult, String>) (a, m) -> "| `" + a.name() + suffix(m) + "` |"),
            new Rule(
                    "deployment names (image, Kubernetes objects and labels, compose service, realm, image tar)",
                    Renaming::deployment,
                    // A word "bulwark" that is not a property (bulwark.auth.…), the launcher (./bulwark), the secrets
                    // folder (/run/secrets/bulwark) or a file name after a single '/'; "//bulwark:8080" is a host.
                    Pattern.compile("(?<![\\w.])(?<![^/]/)bulwark(?![\\w.])|(?<=/)bulwark(?=\\.tar\\b)"),
                    Answers::name),
            new Rule(
                    "README title",
                    "README.md"::equals,
                    Pattern.compile("\\A# Bulwark\\n"),
                    a -> "# " + a.title() + "\n" + (a.equals(Answers.BULWARK) ? "" : "\n" + a.description() + "\n")));

    private final Answers answers;

    public Renaming(Answers answers) {
        this.answers = answers;
    }

    /** The project's files for Bulwark's {@code files}: renamed paths, renamed text, binary files as they are. */
    public SortedMap<String, SourceFile> apply(SortedMap<String, SourceFile> files) {
        SortedMap<String, SourceFile> renamed = new TreeMap<>();
        files.forEach((path, file) -> renamed.put(path(path), content(path, file)));
        return renamed;
    }

    String path(String path) {
        if (keptAsIs(path)) {
            return path;
        }
        return path.replaceAll("(^|/)dev/bulwark/", "$1" + Matcher.quoteReplacement(answers.packagePath() + "/"))
                .replace("BulwarkApplication", answers.typePrefix() + "Application");
    }

    private SourceFile content(String path, SourceFile file) {
        if (keptAsIs(path) || file.binary()) {
            return file;
        }
        String text = new String(file.content(), StandardCharsets.UTF_8);
        for (Rule rule : RULES) {
            if (rule.where().test(path)) {
                text = replace(rule, text);
            }
        }
        return new SourceFile(text.getBytes(StandardCharsets.UTF_8), file.executable());
    }

    /** How many places of {@code text} the rule changes: a rule that no longer finds anything in Bulwark is stale. */
    static int matches(Rule rule, String text) {
        return (int) rule.find().matcher(text).results().count();
    }

    private String replace(Rule rule, String text) {
        Matcher matcher = rule.find().matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(rule.replacement().apply(answers, matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * The CLI is Bulwark's tool and keeps its names, and so does its manual (its renaming table names Bulwark's names
     * on purpose); {@code .bulwark/} is the project's record.
     */
    static boolean keptAsIs(String path) {
        return path.startsWith("cli/") || path.startsWith(".bulwark/") || path.equals("docs/generator.md");
    }

    /** The deployment files: names there are the project's, while the settings they give keep Bulwark's names. */
    static boolean deployment(String path) {
        return path.equals("compose.yaml") || path.startsWith("deploy/");
    }

    private static String suffix(MatchResult match) {
        return match.group(1) == null ? "" : match.group(1);
    }

    private static Pattern literal(String text) {
        return Pattern.compile(Pattern.quote(text));
    }

    private static String tag(String name, String value) {
        return "<" + name + ">" + value + "</" + name + ">";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
