package dev.bulwark.cli.entity;

import dev.bulwark.cli.Console;
import dev.bulwark.cli.ProjectCommands;
import dev.bulwark.cli.Prompt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./bulwark entity add|ls|rm}: scaffold a capability for an entity, list them, remove one. */
@Command(
        name = "entity",
        mixinStandardHelpOptions = true,
        description = "Scaffold a capability for an entity (module, migration, tests), list them, or remove one.")
public final class EntityCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** The {@code entity} command with its subcommands, for {@code BulwarkCli}. */
    public static CommandLine commandLine(Console console, ProjectCommands commands, Prompt prompt, String home) {
        return new CommandLine(new EntityCommand())
                .addSubcommand(new AddEntityCommand(console, commands, prompt, home))
                .addSubcommand(new ListEntitiesCommand(console, home))
                .addSubcommand(new RemoveEntityCommand(console, commands, home));
    }
}
