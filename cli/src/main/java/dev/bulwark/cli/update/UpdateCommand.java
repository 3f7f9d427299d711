package dev.bulwark.cli.update;

import dev.bulwark.cli.Answers;
import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import dev.bulwark.cli.ProjectCommands;
import dev.bulwark.cli.render.BulwarkSource;
import dev.bulwark.cli.render.Rendering;
import dev.bulwark.cli.render.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bulwark update}: brings the Bulwark changes made since the project's recorded commit into the project. Base
 * is Bulwark at that commit and theirs Bulwark now, both rendered with the project's answers as {@code new} did; yours
 * is the project. The new commit is recorded only once the project's tests pass.
 */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = "Merge the Bulwark changes made since this project's recorded commit into it (three-way);"
                + " records the new commit once the tests pass.")
public final class UpdateCommand implements Callable<Integer> {

    static final String PENDING = PendingUpdate.FILE;
    static final int CONFLICTS = 1;

    @Option(names = "--dry-run", description = "Show what would change; write nothing.")
    boolean dryRun;

    @Option(names = "--continue", description = "After resolving conflicts: check, run the tests, record.")
    boolean resume;

    @Option(names = "--from", description = "The Bulwark repository (default: the one recorded in .bulwark/).")
    String from;

    @Option(names = "--to", description = "The Bulwark revision to update to (default: its HEAD).")
    String to;

    @Option(names = "--allow-dirty", description = "Merge into uncommitted changes (by default: commit them first).")
    boolean allowDirty;

    private final Console console;
    private final ProjectCommands commands;
    private final String home;

    public UpdateCommand(Console console, ProjectCommands commands, String home) {
        this.console = console;
        this.commands = commands;
        this.home = home;
    }

    @Override
    public Integer call() {
        Project project = Project.locate(home);
        if (!project.generated()) {
            throw new CliError(project.root() + " is Bulwark itself (no " + Project.FILE + "): update works in a"
                    + " project made with ./bulwark new");
        }
        Path pendingFile = project.root().resolve(PENDING);
        if (resume) {
            return resume(project, pendingFile);
        }
        if (Files.exists(pendingFile)) {
            throw new CliError("an update is waiting (" + PENDING + "): resolve it and run ./bulwark update --continue,"
                    + " or undo it with git (git checkout . && rm " + PENDING + ")");
        }
        if (!dryRun && !allowDirty && uncommittedChanges(project.root())) {
            throw new CliError("the project has uncommitted changes: commit or stash them first (or --allow-dirty),"
                    + " so the update can be told apart from your work");
        }
        Path scratch = scratch(project);
        try (BulwarkSource source =
                BulwarkSource.open(from != null ? from : project.record().source(), scratch)) {
            String target = source.resolve(to != null ? to : "HEAD");
            String base = project.record().bulwarkCommit();
            if (target.equals(base)) {
                console.line("Already at Bulwark " + shortId(target) + ": nothing to update.");
                return 0;
            }
            List<FileMerge> merges = merge(project, source, base, target, scratch);
            report(merges);
            if (dryRun) {
                console.line("Dry run: nothing written.");
                return 0;
            }
            return apply(project, merges, target, pendingFile);
        } finally {
            delete(scratch);
        }
    }

    private List<FileMerge> merge(Project project, BulwarkSource source, String base, String target, Path scratch) {
        Answers answers = project.answers();
        console.step("rendering Bulwark " + shortId(base) + " (recorded) and " + shortId(target) + " with your names");
        SortedMap<String, SourceFile> baseFiles =
                Rendering.renderInto(source, base, answers, scratch.resolve("base"), commands);
        SortedMap<String, SourceFile> theirFiles =
                Rendering.renderInto(source, target, answers, scratch.resolve("theirs"), commands);
        console.done(baseFiles.size() + " and " + theirFiles.size() + " files");
        TreeSet<String> paths = new TreeSet<>(baseFiles.keySet());
        paths.addAll(theirFiles.keySet());
        List<FileMerge> merges = new ArrayList<>();
        for (String path : paths) {
            SourceFile yours = FileMerge.read(project.root().resolve(path));
            merges.add(
                    FileMerge.of(path, baseFiles.get(path), yours, theirFiles.get(path), "bulwark " + shortId(target)));
        }
        return merges;
    }

    private int apply(Project project, List<FileMerge> merges, String target, Path pendingFile) {
        List<String> conflicts = new ArrayList<>();
        for (FileMerge merge : merges) {
            merge.writeInto(project.root());
            if (merge.outcome() == FileMerge.Outcome.CONFLICT) {
                conflicts.add(merge.path());
            }
        }
        new PendingUpdate(target, conflicts).write(pendingFile);
        if (!conflicts.isEmpty()) {
            console.line(conflicts.size() + " file(s) need you: resolve the conflicts, then run the update again with"
                    + " --continue (it checks no markers are left, runs the tests and records " + shortId(target)
                    + ").");
            return CONFLICTS;
        }
        return testAndRecord(project, target, pendingFile);
    }

    private int resume(Project project, Path pendingFile) {
        PendingUpdate pending = PendingUpdate.read(pendingFile);
        List<String> unresolved = pending.unresolved(project.root());
        if (!unresolved.isEmpty()) {
            throw new CliError("still unresolved (conflict markers or a " + FileMerge.THEIRS_SUFFIX + " file): "
                    + String.join(", ", unresolved));
        }
        return testAndRecord(project, pending.to(), pendingFile);
    }

    private int testAndRecord(Project project, String target, Path pendingFile) {
        console.step("regenerating docs/openapi.json and docs/modules.puml from the merged code");
        commands.docs(project.root());
        console.done("regenerated");
        if (!commands.test(project.root(), project.record().testCommand())) {
            console.line("Not recorded: the project still says Bulwark "
                    + shortId(project.record().bulwarkCommit())
                    + ". Fix the tests, then run ./bulwark update --continue.");
            return CONFLICTS;
        }
        project.withRecord(project.record().withCommit(target));
        deleteFile(pendingFile);
        console.line(
                "Recorded Bulwark " + shortId(target) + " in " + Project.FILE + ". Review with git diff, then commit.");
        return 0;
    }

    private void report(List<FileMerge> merges) {
        for (FileMerge merge : merges) {
            if (merge.outcome() != FileMerge.Outcome.UNCHANGED) {
                String note = merge.note().isEmpty() ? "" : "  (" + merge.note() + ")";
                console.line(String.format("  %-9s %s%s", merge.outcome().name().toLowerCase(), merge.path(), note));
            }
        }
    }

    private static boolean uncommittedChanges(Path root) {
        try (Git git = Git.open(root.toFile())) {
            return git.status().call().hasUncommittedChanges();
        } catch (RepositoryNotFoundException e) {
            return false; // not under Git: nothing to tell apart
        } catch (IOException | GitAPIException e) {
            throw new CliError("cannot read the project's Git status: " + e.getMessage(), e);
        }
    }

    private static Path scratch(Project project) {
        try {
            Path parent = Files.createDirectories(project.root().resolve("target/bulwark-cli"));
            return Files.createTempDirectory(parent, "update-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // scratch space under target/: a leftover is harmless
        }
    }

    private static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shortId(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
