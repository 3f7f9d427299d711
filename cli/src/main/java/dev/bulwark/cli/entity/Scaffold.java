package dev.bulwark.cli.entity;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code .bulwark/entities/<name>.json}: what {@code entity add} was asked for, the files it wrote with their SHA-256
 * (after formatting), and the migrations it added. {@code entity rm} deletes exactly those files.
 *
 * @param files project-relative path → SHA-256 (hex) of the content written
 * @param migrations project-relative paths of the migrations, never deleted
 */
public record Scaffold(
        String name,
        boolean privateRead,
        List<Field> fields,
        SortedMap<String, String> files,
        List<String> migrations) {

    public static final String FOLDER = ".bulwark/entities";

    public Scaffold {
        fields = List.copyOf(fields);
        files = new TreeMap<>(files);
        migrations = List.copyOf(migrations);
    }

    public EntityDefinition definition() {
        return new EntityDefinition(name, privateRead, fields);
    }

    public static Path file(Path root, String name) {
        return root.resolve(FOLDER).resolve(name.toLowerCase(Locale.ROOT) + ".json");
    }

    /** Every scaffolded entity of the project, by name. */
    public static SortedMap<String, Scaffold> all(Path root) {
        SortedMap<String, Scaffold> all = new TreeMap<>();
        Path folder = root.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return all;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Scaffold scaffold = read(file);
                all.put(scaffold.name(), scaffold);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static Scaffold read(Path file) {
        try {
            return Project.JSON.readValue(file.toFile(), Scaffold.class);
        } catch (RuntimeException e) {
            throw new CliError(file + " cannot be read (" + e.getMessage() + "): restore it from Git", e);
        }
    }

    void write(Path root) {
        try {
            Path file = file(root, name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Project.JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, EntityDefinition> definitions(Map<String, Scaffold> scaffolds) {
        Map<String, EntityDefinition> definitions = new TreeMap<>();
        scaffolds.forEach((name, scaffold) -> definitions.put(name, scaffold.definition()));
        return definitions;
    }
}
