package dev.bulwark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project a command works on: its folder and {@code .bulwark/project.json} (the answers it was created with and
 * the Bulwark commit it was last rendered from). Bulwark itself has no such file; it is its own project.
 *
 * @param root the project's folder (where {@code ./bulwark} and {@code pom.xml} are)
 * @param record what {@code .bulwark/project.json} holds, or Bulwark's own answers
 * @param generated whether the project was made by {@code ./bulwark new}
 */
public record Project(Path root, Record record, boolean generated) {

    public static final String FILE = ".bulwark/project.json";

    /**
     * The contents of {@code .bulwark/project.json}.
     *
     * @param bulwarkCommit the Bulwark commit the project's Bulwark files were last rendered from
     * @param source where that Bulwark repository is (a folder or a Git URL), for {@code update}
     * @param testCommand what {@code update} runs before it records a new commit
     */
    public record Record(Answers answers, String bulwarkCommit, String source, String testCommand) {

        public static final String DEFAULT_TEST_COMMAND = "./bulwark test";

        public Record withCommit(String commit) {
            return new Record(answers, commit, source, testCommand);
        }
    }

    public static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The project at {@code root}: the launcher passes it as BULWARK_PROJECT, otherwise the working directory. */
    public static Project locate(String root) {
        Path folder = Path.of(root == null || root.isBlank() ? "." : root)
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(folder.resolve("pom.xml"))) {
            throw new CliError(
                    folder + " is not a Bulwark project (no pom.xml): run ./bulwark from the project folder");
        }
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new Project(
                    folder, new Record(Answers.BULWARK, "", folder.toString(), Record.DEFAULT_TEST_COMMAND), false);
        }
        try {
            return new Project(folder, JSON.readValue(file.toFile(), Record.class), true);
        } catch (RuntimeException e) {
            throw new CliError(file + " cannot be read (" + e.getMessage() + "): restore it from Git", e);
        }
    }

    public Answers answers() {
        return record.answers();
    }

    public static void write(Path root, Record record) {
        try {
            Files.createDirectories(root.resolve(".bulwark"));
            Files.writeString(root.resolve(FILE), JSON.writeValueAsString(record) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Project withRecord(Record changed) {
        write(root, changed);
        return new Project(root, changed, true);
    }
}
