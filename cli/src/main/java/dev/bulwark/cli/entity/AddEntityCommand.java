package dev.bulwark.cli.entity;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import dev.bulwark.cli.ProjectCommands;
import dev.bulwark.cli.Prompt;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bulwark entity add Product name:string:required:max=100 price:decimal:min=0 ...}: one capability module,
 * its migration and its tests, in the project's own pattern; then the derived documents are regenerated.
 */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Scaffold a capability for an entity: module (entity, repository, service, queries, controller,"
                + " records), migration, tests and access-matrix rows. Fields are asked for on a terminal when none"
                + " are given.",
        footer = {
            "",
            "Field: name:type[:option...]",
            "  types: string, text, int, long, decimal, boolean, date, timestamp, uuid, enum(A,B,...), ref(Entity)",
            "  options: required, unique, min=N, max=N (a length for string/text, a value for numbers)",
            "Example: ./bulwark entity add Product name:string:required:max=100 price:decimal:min=0 \\",
            "           sku:string:unique category:enum(BOOK,TOY) supplier:ref(Supplier)"
        })
public final class AddEntityCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<Entity>", description = "The entity's name, PascalCase (e.g. Product).")
    String name;

    @Parameters(index = "1..*", paramLabel = "<field>", description = "Fields: name:type[:option...].")
    List<String> fields = new ArrayList<>();

    @Option(names = "--private", description = "Only ADMIN reads it (USER is not granted <plural>:read).")
    boolean privateRead;

    private final Console console;
    private final ProjectCommands commands;
    private final Prompt prompt;
    private final String home;
    private final Clock clock;

    public AddEntityCommand(Console console, ProjectCommands commands, Prompt prompt, String home) {
        this(console, commands, prompt, home, Clock.systemUTC());
    }

    AddEntityCommand(Console console, ProjectCommands commands, Prompt prompt, String home, Clock clock) {
        this.console = console;
        this.commands = commands;
        this.prompt = prompt;
        this.home = home;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Project project = Project.locate(home);
        String basePackage = project.answers().packageName();
        String packagePath = project.answers().packagePath();
        Map<String, Scaffold> scaffolds = Scaffold.all(project.root());
        FieldSpecs.requireEntityName(name, "entity");
        EntityDefinition entity = new EntityDefinition(name, privateRead, FieldSpecs.parseAll(specs()));
        EntityChecks.check(entity, project.root(), packagePath, scaffolds);

        Map<String, Object> model = EntityModel.of(entity, basePackage, Scaffold.definitions(scaffolds));
        Map<String, String> files = EntityFiles.render(model, packagePath, entity.name());
        for (String path : files.keySet()) {
            if (Files.exists(project.root().resolve(path))) {
                throw new CliError(path + " exists already: remove it, or choose another entity name");
            }
        }
        String migration = Migrations.path(Migrations.nextVersion(project.root(), clock), entity.table());

        ProjectFiles changes = new ProjectFiles(project.root());
        try {
            console.step("writing " + entity.name() + ": " + files.size() + " source files and " + migration);
            files.forEach(changes::write);
            changes.write(migration, EntityFiles.createMigration(model));
            console.done("written");
            console.step("formatting with the project's formatter");
            commands.format(project.root());
            console.done("formatted");
            console.step("building and regenerating the API docs, module table and access matrix (about a minute)");
            commands.docs(project.root());
            console.done("docs/openapi.json, docs/architecture.md, docs/modules.puml, docs/security.md");
        } catch (RuntimeException e) {
            console.line("failed: putting back every file as it was");
            changes.undo();
            throw e;
        }
        TreeMap<String, String> hashes = new TreeMap<>();
        files.keySet()
                .forEach(path ->
                        hashes.put(path, ProjectFiles.sha256(project.root().resolve(path))));
        new Scaffold(entity.name(), entity.privateRead(), entity.fields(), hashes, List.of(migration))
                .write(project.root());
        console.line("Wrote " + files.size() + " files, " + migration + " and "
                + Scaffold.file(project.root(), name)
                        .toString()
                        .substring(project.root().toString().length() + 1));
        console.next(
                "./bulwark test                      # the whole suite, the new " + entity.name() + "Tests included",
                "./bulwark run                       # then, signed in as an admin:",
                "curl -H \"Authorization: Bearer $TOKEN\" http://localhost:8080" + entity.path(),
                "git add -A && git commit -m \"Add " + entity.name() + "\"");
        return 0;
    }

    /** The fields given, or asked for one per line on a terminal; without either, an error. */
    private List<String> specs() {
        if (!fields.isEmpty()) {
            return fields;
        }
        if (!prompt.interactive()) {
            throw new CliError("give the fields of " + name + " (e.g. name:string:required:max=100"
                    + " price:decimal:min=0); they are asked for only on a terminal");
        }
        List<String> asked = new ArrayList<>();
        console.line("Fields of " + name + ", one per line as name:type[:option...] (types: " + FieldType.labels()
                + "); an empty line ends.");
        while (true) {
            Optional<String> line = prompt.ask("field " + (asked.size() + 1) + ": ");
            if (line.isEmpty()) {
                break;
            }
            try {
                FieldSpecs.parse(line.get());
                asked.add(line.get());
            } catch (CliError e) {
                console.line("  " + e.getMessage());
            }
        }
        if (asked.isEmpty()) {
            throw new CliError("no fields given for " + name);
        }
        return asked;
    }
}
