package dev.bulwark.cli.entity;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Everything {@code entity add} checks before it writes anything: one refusal, and nothing is written. */
final class EntityChecks {

    /** PostgreSQL truncates longer identifiers, and the constraint names the service answers by would not match. */
    private static final int MAX_IDENTIFIER = 63;

    private static final Set<String> GENERATED_SUFFIXES = Set.of(
            "View", "Update", "Repository", "Service", "Queries", "Controller", "Problem", "AccessRows", "Tests");

    private EntityChecks() {}

    static void check(EntityDefinition entity, Path root, String packagePath, Map<String, Scaffold> scaffolds) {
        FieldSpecs.requireEntityName(entity.name(), "entity");
        if (entity.fields().isEmpty()) {
            throw new CliError("entity " + entity.name() + " needs at least one field, e.g. name:string:required");
        }
        if (scaffolds.containsKey(entity.name())) {
            throw new CliError("entity " + entity.name() + " exists already (" + Scaffold.file(root, entity.name())
                    + "); remove it first with ./bulwark entity rm " + entity.name());
        }
        if (EntityFiles.importedNames().contains(entity.name())) {
            throw new CliError("entity name " + entity.name() + " would shadow " + entity.name()
                    + ", which the generated code imports: choose another name");
        }
        Path module = root.resolve("src/main/java").resolve(packagePath).resolve(entity.module());
        if (Files.exists(module)) {
            throw new CliError("entity " + entity.name() + ": " + root.relativize(module)
                    + " exists already (a module of the project has this name): choose another name");
        }
        if (tableExists(root, entity.table())) {
            throw new CliError("entity " + entity.name() + ": a migration already creates the table " + entity.table()
                    + ": choose another name");
        }
        for (Field field : entity.fields()) {
            if (field.type() == FieldType.ENUM && GENERATED_SUFFIXES.contains(FieldCode.capitalized(field.name()))) {
                throw new CliError("field '" + field.name() + "': its enum type " + entity.name()
                        + FieldCode.capitalized(field.name()) + " would clash with a generated class: choose another"
                        + " name");
            }
            if (field.ref() != null) {
                if (field.ref().equals(entity.name())) {
                    throw new CliError("field '" + field.name() + "': an entity cannot refer to itself");
                }
                if (!scaffolds.containsKey(field.ref())) {
                    throw new CliError("field '" + field.name() + "' refers to " + field.ref()
                            + ", which is not a scaffolded entity"
                            + (scaffolds.isEmpty()
                                    ? " (none yet)"
                                    : " (scaffolded: " + String.join(", ", scaffolds.keySet()) + ")")
                            + ": add it first with ./bulwark entity add " + field.ref() + " ...");
                }
            }
            for (String identifier : List.of(
                    entity.table() + "_" + field.column() + "_key",
                    entity.table() + "_" + Field.snake(field.name()) + "_idx",
                    entity.table() + "_" + Field.snake(field.name()) + "_fk")) {
                if (identifier.length() > MAX_IDENTIFIER) {
                    throw new CliError("entity " + entity.name() + ", field '" + field.name() + "': the database name "
                            + identifier + " would be longer than " + MAX_IDENTIFIER + " characters: shorten one of"
                            + " them");
                }
            }
        }
        if ((entity.plural() + ":write").length() > 64) {
            throw new CliError("entity " + entity.name() + ": the permission " + entity.plural()
                    + ":write would be longer than 64 characters: shorten the name");
        }
    }

    /** Whether a migration creates {@code table} and none drops it since. */
    static boolean tableExists(Path root, String table) {
        Pattern create =
                Pattern.compile("(?i)\\bcreate\\s+table\\s+(if\\s+not\\s+exists\\s+)?\"?" + table + "\"?[\\s(]");
        Pattern drop = Pattern.compile("(?i)\\bdrop\\s+table\\s+(if\\s+exists\\s+)?\"?" + table + "\"?[\\s;]");
        int balance = 0;
        for (Path migration : Migrations.all(root)) {
            try {
                String sql = Files.readString(migration).toLowerCase(Locale.ROOT);
                balance += create.matcher(sql).results().count();
                balance -= drop.matcher(sql).results().count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return balance > 0;
    }

    static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
