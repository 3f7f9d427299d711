package dev.bulwark.cli.render;

import dev.bulwark.cli.Answers;
import dev.bulwark.cli.ProjectCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

/**
 * Bulwark at a commit, rendered for a project: renamed ({@link Renaming}), written out and formatted by the project's
 * own formatter (a longer package name can push a line past the formatter's width). {@code new} writes this as the
 * project's first commit; {@code update} renders the recorded commit and the new one the same way and merges.
 */
public final class Rendering {

    private Rendering() {}

    public static SortedMap<String, SourceFile> renamed(BulwarkSource source, String commit, Answers answers) {
        return new Renaming(answers).apply(source.files(commit));
    }

    /** Writes {@code files} under {@code folder} (which may exist), keeping executable bits. */
    public static void write(Map<String, SourceFile> files, Path folder) {
        try {
            for (Map.Entry<String, SourceFile> entry : files.entrySet()) {
                Path target = folder.resolve(entry.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, entry.getValue().content());
                if (entry.getValue().executable()) {
                    target.toFile().setExecutable(true, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders, writes and formats Bulwark at {@code commit} into {@code folder}; returns the formatted files. */
    public static SortedMap<String, SourceFile> renderInto(
            BulwarkSource source, String commit, Answers answers, Path folder, ProjectCommands commands) {
        SortedMap<String, SourceFile> files = renamed(source, commit, answers);
        write(files, folder);
        commands.format(folder);
        files.replaceAll((path, file) -> new SourceFile(read(folder.resolve(path)), file.executable()));
        return files;
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
