package dev.bulwark.cli;

import dev.bulwark.cli.create.NewCommand;
import dev.bulwark.cli.dev.DevCommand;
import dev.bulwark.cli.entity.EntityCommand;
import dev.bulwark.cli.image.ImageCommand;
import dev.bulwark.cli.update.UpdateCommand;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./bulwark new|entity|update|dev}: the launcher builds this tool and runs it with BULWARK_PROJECT set to the
 * project's folder. A {@link CliError} is printed as one line and exits with 2; nothing else is caught.
 */
@Command(
        name = "./bulwark",
        mixinStandardHelpOptions = true,
        version = "Bulwark CLI",
        description = "Make a project of your own from Bulwark and grow it.")
public final class BulwarkCli implements Callable<Integer> {

    /** Also picocli's status for a bad command line. */
    public static final int REFUSED = CommandLine.ExitCode.USAGE;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** The command line for the project at {@code home}, printing to {@code console}. */
    public static CommandLine commandLine(String home, Console console) {
        return commandLine(home, console, new ProjectCommands(console));
    }

    /** The same, running the project's commands (format, tests) through {@code commands}. */
    public static CommandLine commandLine(String home, Console console, ProjectCommands commands) {
        CommandLine line = new CommandLine(new BulwarkCli())
                .addSubcommand(new NewCommand(console, commands, Prompt.fromEnvironment(), home))
                .addSubcommand(EntityCommand.commandLine(console, commands, Prompt.fromEnvironment(), home))
                .addSubcommand(new UpdateCommand(console, commands, home))
                .addSubcommand(DevCommand.commandLine(console, home))
                .addSubcommand(new ImageCommand(console, home))
                .addSubcommand("completion", new AutoComplete.GenerateCompletion());
        line.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            if (error instanceof CliError) {
                commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + error.getMessage());
                return REFUSED;
            }
            throw error;
        });
        return line;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv("BULWARK_PROJECT"), Console.standard())
                .execute(args));
    }
}
