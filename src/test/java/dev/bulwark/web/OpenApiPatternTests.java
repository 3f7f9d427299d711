package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code pattern} in docs/openapi.json must be a regular expression that clients can run: JSON Schema and
 * OpenAPI mean ECMA-262, and generated clients and validators compile the patterns with the {@code u} flag. Java-only
 * syntax ({@code \p{Cntrl}}, {@code \A}, {@code (?i)}) passes Bean Validation and breaks every JavaScript client, so
 * the check uses a real JavaScript engine (Rhino), not java.util.regex.
 */
class OpenApiPatternTests {

    @Test
    void everyPatternInTheCheckedInSpecIsAnEcmaScriptUnicodeRegex() throws Exception {
        JsonNode spec = JsonMapper.builder().build().readTree(Files.readString(ApiDocsTests.CHECKED_IN));
        Map<String, String> patterns = new LinkedHashMap<>();
        collectPatterns(spec, "#", patterns);
        assertThat(patterns).as("the spec declares patterns").isNotEmpty();
        List<String> invalid = new ArrayList<>();
        patterns.forEach((where, pattern) -> {
            String error = ecmaScriptError(pattern);
            if (error != null) {
                invalid.add(where + ": " + pattern + " (" + error + ")");
            }
        });
        assertThat(invalid).as("patterns a JavaScript client cannot compile").isEmpty();
    }

    @Test
    void theCheckRejectsJavaOnlySyntaxAndAcceptsItsPortableForm() {
        assertThat(ecmaScriptError("[^\\p{Cntrl}]*")).isNotNull();
        assertThat(ecmaScriptError("\\A[a-z]+\\Z")).isNotNull();
        assertThat(ecmaScriptError("(?i)admin")).isNotNull();
        assertThat(ecmaScriptError("[^\\x00-\\x1F\\x7F]*")).isNull();
        assertThat(ecmaScriptError("^[\\p{L}\\p{N} ._-]{1,64}$")).isNull();
    }

    /** Control and format characters (U+202E among them) are refused alike by Java and by ECMA-262 with "u". */
    @Test
    void theNoControlCharactersPatternMeansTheSameInJavaAndJavaScript() {
        assertThat(ecmaScriptError(Inputs.NO_CONTROL_CHARACTERS)).isNull();
        Map<String, Boolean> samples = Map.of(
                "Ana Lopez", true,
                "Zoë 李 😀", true,
                "admin\u202Egnp.exe", false,
                "a\u200Bb", false,
                "a\u2066b", false,
                "tab\tname", false,
                "c1\u0085", false);
        samples.forEach((sample, accepted) -> {
            assertThat(sample.matches(Inputs.NO_CONTROL_CHARACTERS))
                    .as("Java: " + sample)
                    .isEqualTo(accepted);
            assertThat(ecmaScriptMatches(Inputs.NO_CONTROL_CHARACTERS, sample))
                    .as("ECMA-262: " + sample)
                    .isEqualTo(accepted);
        });
    }

    /** The patterns of generated capabilities' text fields, in Java and JavaScript alike. */
    @Test
    void theTextPatternsMeanTheSameInJavaAndJavaScript() {
        Map<String, Map<String, Boolean>> samples = Map.of(
                Inputs.NOT_BLANK,
                Map.of("Ana", true, "  Zoë 李 ", true, "", false, "   ", false, "\u00A0\u2003", false, "a\tb", false),
                Inputs.MULTI_LINE,
                Map.of("", true, "line\nnext\r\n\ttab", true, "a\u202Eb", false, "a\u0000b", false, "c1\u0085", false),
                Inputs.MULTI_LINE_NOT_BLANK,
                Map.of("\n  text\n", true, " \t\r\n", false, "", false, "a\u200Bb", false, "x\u0007", false));
        samples.forEach((pattern, cases) -> {
            assertThat(ecmaScriptError(pattern)).as(pattern).isNull();
            cases.forEach((sample, accepted) -> {
                assertThat(sample.matches(pattern))
                        .as("Java: " + pattern + " " + sample)
                        .isEqualTo(accepted);
                assertThat(ecmaScriptMatches(pattern, sample))
                        .as("ECMA-262: " + pattern + " " + sample)
                        .isEqualTo(accepted);
            });
        });
    }

    /** A body may hold a megabyte in one field: matching it must neither overflow the stack nor backtrack. */
    @Test
    void theTextPatternsMatchAMegabyteInLinearTime() {
        String spaces = " ".repeat(1 << 20);
        String words = "word \n".repeat(1 << 18);
        for (String pattern : new String[] {Inputs.NOT_BLANK, Inputs.MULTI_LINE, Inputs.MULTI_LINE_NOT_BLANK}) {
            long started = System.nanoTime();
            spaces.matches(pattern);
            (words + "\u0001").matches(pattern);
            (spaces + "x" + spaces + "\u0001").matches(pattern);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                    .as(pattern)
                    .isLessThan(java.time.Duration.ofSeconds(2));
        }
    }

    private static boolean ecmaScriptMatches(String pattern, String sample) {
        try (Context context = Context.enter()) {
            context.setLanguageVersion(Context.VERSION_ES6);
            Scriptable scope = context.initStandardObjects();
            scope.put("pattern", scope, pattern);
            scope.put("sample", scope, sample);
            Object result = context.evaluateString(
                    scope, "new RegExp('^(?:' + pattern + ')$', 'u').test(sample)", "match", 1, null);
            return Boolean.TRUE.equals(Context.jsToJava(result, Boolean.class));
        }
    }

    private static void collectPatterns(JsonNode node, String where, Map<String, String> patterns) {
        if (node.isObject()) {
            node.properties().forEach(member -> {
                String path = where + "/" + member.getKey();
                if ("pattern".equals(member.getKey()) && member.getValue().isString()) {
                    patterns.put(path, member.getValue().asString());
                } else {
                    collectPatterns(member.getValue(), path, patterns);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPatterns(node.get(i), where + "/" + i, patterns);
            }
        }
    }

    /** @return the engine's complaint, or null when {@code new RegExp(pattern, "u")} compiles */
    private static @Nullable String ecmaScriptError(String pattern) {
        try (Context context = Context.enter()) {
            context.setLanguageVersion(Context.VERSION_ES6);
            Scriptable scope = context.initStandardObjects();
            scope.put("pattern", scope, pattern);
            context.evaluateString(scope, "new RegExp(pattern, 'u')", "pattern", 1, null);
            return null;
        } catch (RhinoException e) {
            return e.getMessage();
        }
    }
}
