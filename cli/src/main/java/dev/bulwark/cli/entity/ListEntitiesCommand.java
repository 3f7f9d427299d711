package dev.bulwark.cli.entity;

import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./bulwark entity ls}: the scaffolded entities and their fields, from {@code .bulwark/entities/}. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List the scaffolded entities and their fields.")
public final class ListEntitiesCommand implements Callable<Integer> {

    private final Console console;
    private final String home;

    public ListEntitiesCommand(Console console, String home) {
        this.console = console;
        this.home = home;
    }

    @Override
    public Integer call() {
        Map<String, Scaffold> scaffolds = Scaffold.all(Project.locate(home).root());
        if (scaffolds.isEmpty()) {
            console.line("No scaffolded entities yet: ./bulwark entity add Product name:string:required ...");
            return 0;
        }
        scaffolds.values().forEach(scaffold -> {
            EntityDefinition entity = scaffold.definition();
            console.line(entity.name() + "  " + entity.path() + "  (" + entity.plural() + ":read for "
                    + (entity.privateRead() ? "ADMIN only" : "USER and ADMIN") + ", " + entity.plural()
                    + ":write for ADMIN)");
            entity.fields().forEach(field -> console.line("  " + field.spec()));
        });
        return 0;
    }
}
