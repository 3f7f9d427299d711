package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every problem type the code can send is in docs/problems.md, so clients can rely on the catalogue. */
class ProblemCatalogueTests {

    // The type slug a module's ApiProblem subclass passes: super(HttpStatus.X, "slug", ...)
    private static final Pattern TYPE_ARGUMENT =
            Pattern.compile("(?:super|Problem)\\(\\s*HttpStatus\\.[A-Z_]+,\\s*\"([a-z][a-z-]+)\"");

    @Test
    void everyProblemTypeIsDocumented() throws IOException {
        String catalogue = Files.readString(Path.of("docs/problems.md"));
        List<String> types = new ArrayList<>();
        for (StandardProblem problem : StandardProblem.values()) {
            types.add(problem.type);
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = TYPE_ARGUMENT.matcher(Files.readString(source));
                while (matcher.find()) {
                    types.add(matcher.group(1));
                }
            }
        }
        assertThat(types).contains("validation-failed", "invalid-host", "malformed-body");
        assertThat(types).allSatisfy(type -> assertThat(catalogue).contains("`" + type + "`"));
    }
}
