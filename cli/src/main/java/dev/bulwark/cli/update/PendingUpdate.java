package dev.bulwark.cli.update;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * An update written but not recorded yet ({@code .bulwark/update.json}): the Bulwark commit it brings, and the files
 * left with conflicts, which {@code --continue} checks are resolved before it tests and records.
 */
record PendingUpdate(String to, List<String> conflicts) {

    static final String FILE = ".bulwark/update.json";

    static PendingUpdate read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliError("no update is waiting (" + FILE + " is absent): run ./bulwark update");
        }
        return Project.JSON.readValue(file.toFile(), PendingUpdate.class);
    }

    void write(Path file) {
        try {
            Files.writeString(file, Project.JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The conflicted files that still hold a conflict marker, or whose Bulwark version still lies beside them. */
    List<String> unresolved(Path root) {
        return conflicts.stream()
                .filter(path ->
                        hasMarkers(root.resolve(path)) || Files.exists(root.resolve(path + FileMerge.THEIRS_SUFFIX)))
                .toList();
    }

    private static boolean hasMarkers(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.anyMatch(line -> line.startsWith("<<<<<<< ") || line.startsWith(">>>>>>> "));
        } catch (IOException | UncheckedIOException e) {
            return false; // not text: binary conflicts are tracked by their .bulwark-new file
        }
    }
}
