package dev.bulwark.cli.render;

import dev.bulwark.cli.CliError;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A Bulwark Git repository, read at a commit: what is committed is what a project is made from, so the commit recorded
 * in the project names exactly the files it got (uncommitted changes and ignored files such as target/ never travel).
 */
public final class BulwarkSource implements AutoCloseable {

    private final Repository repository;
    private final String location;

    private BulwarkSource(Repository repository, String location) {
        this.repository = repository;
        this.location = location;
    }

    /**
     * Opens the repository at {@code location}: a folder holding a Git repository, or a Git URL, which is cloned into
     * {@code scratch} first.
     */
    public static BulwarkSource open(String location, Path scratch) {
        Path folder = Path.of(location);
        try {
            if (Files.isDirectory(folder)) {
                Repository repository = new FileRepositoryBuilder()
                        .findGitDir(folder.toFile())
                        .setMustExist(true)
                        .build();
                return new BulwarkSource(
                        repository, folder.toAbsolutePath().normalize().toString());
            }
            if (location.contains("://") || location.startsWith("git@")) {
                File into =
                        Files.createTempDirectory(scratch, "bulwark-source-").toFile();
                Git clone = Git.cloneRepository()
                        .setURI(location)
                        .setDirectory(into)
                        .setBare(true)
                        .call();
                return new BulwarkSource(clone.getRepository(), location);
            }
        } catch (IOException | GitAPIException | IllegalArgumentException e) {
            throw new CliError("cannot read the Bulwark repository at " + location + ": " + e.getMessage(), e);
        }
        throw new CliError("no Bulwark repository at " + location + ": give a folder holding a Git clone of Bulwark"
                + " or a Git URL with --from");
    }

    /** Where the repository is, as recorded in a project for a later update. */
    public String location() {
        return location;
    }

    /** The full commit id {@code revision} (a branch, tag, HEAD or an id) names. */
    public String resolve(String revision) {
        try {
            ObjectId id = repository.resolve(revision + "^{commit}");
            if (id == null) {
                throw new CliError("the Bulwark repository at " + location + " has no commit '" + revision + "'");
            }
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the working tree of a local clone holds changes that are not committed (they will not be copied). */
    public boolean hasUncommittedChanges() {
        if (repository.isBare()) {
            return false;
        }
        try (Git git = new Git(repository)) {
            return !git.status().call().isClean();
        } catch (GitAPIException e) {
            return false;
        }
    }

    /** Every file of {@code commit}, by path. */
    public SortedMap<String, SourceFile> files(String commit) {
        SortedMap<String, SourceFile> files = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository);
                TreeWalk tree = new TreeWalk(repository)) {
            RevCommit revCommit = walk.parseCommit(ObjectId.fromString(commit));
            tree.addTree(revCommit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.GITLINK || mode == FileMode.SYMLINK) {
                    continue; // Bulwark holds neither; a fork that adds one keeps it out of generated projects
                }
                byte[] content = repository.open(tree.getObjectId(0)).getBytes();
                files.put(tree.getPathString(), new SourceFile(content, mode == FileMode.EXECUTABLE_FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Override
    public void close() {
        repository.close();
    }
}
