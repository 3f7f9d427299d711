package dev.bulwark.cli.update;

import dev.bulwark.cli.render.Rendering;
import dev.bulwark.cli.render.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * What happens to one file Bulwark renders, given Bulwark's version of it at the recorded commit (base), the
 * project's (yours) and Bulwark's now (theirs): JGit's three-way line merge, with Git's conflict markers where both
 * sides changed the same lines. A local change is never dropped: when it cannot be merged it stays, and Bulwark's
 * version is written beside it or marked in it.
 *
 * @param path the file, relative to the project
 * @param outcome what the update does to it
 * @param content what the file becomes (null when it is deleted or left alone), or for a binary conflict Bulwark's
 *     version, written beside the project's as {@code <path>.bulwark-new}
 * @param executable whether it is executable, when written
 * @param note for a conflict, what the user has to do
 */
record FileMerge(String path, Outcome outcome, byte[] content, boolean executable, String note) {

    enum Outcome {
        UNCHANGED, // nothing to do: Bulwark did not change it, or the project already has Bulwark's version
        UPDATED, // Bulwark's change merged in (cleanly)
        ADDED, // a new Bulwark file
        DELETED, // Bulwark removed it and the project had not changed it
        CONFLICT, // both changed: conflict markers in the file, or Bulwark's version beside it
        KEPT, // Bulwark removed or changed it, the project removed or changed it: the project's stays, reported
        REGENERATED // derived from the code (./bulwark docs): regenerated from the merged code, not merged
    }

    /** The documents ./bulwark docs derives from the code. */
    static final Set<String> GENERATED = Set.of("docs/openapi.json", "docs/modules.puml");

    static final String THEIRS_SUFFIX = ".bulwark-new";

    static FileMerge of(String path, SourceFile base, SourceFile yours, SourceFile theirs, String theirsName) {
        if (same(base, theirs) || same(yours, theirs)) {
            return unchanged(path);
        }
        if (GENERATED.contains(path)) {
            return new FileMerge(path, Outcome.REGENERATED, null, false, "");
        }
        if (base == null) {
            return yours == null
                    ? new FileMerge(path, Outcome.ADDED, theirs.content(), theirs.executable(), "")
                    : merge(path, new SourceFile(new byte[0], false), yours, theirs, theirsName);
        }
        if (theirs == null) {
            return same(yours, base)
                    ? new FileMerge(path, Outcome.DELETED, null, false, "")
                    : new FileMerge(path, Outcome.KEPT, null, false, "Bulwark removed it; your changed copy stays");
        }
        if (yours == null) {
            return new FileMerge(path, Outcome.KEPT, null, false, "you removed it; Bulwark changed it (not restored)");
        }
        return merge(path, base, yours, theirs, theirsName);
    }

    private static FileMerge merge(String path, SourceFile base, SourceFile yours, SourceFile theirs, String name) {
        boolean executable = yours.executable() || theirs.executable();
        if (base.binary() || yours.binary() || theirs.binary()) {
            return same(yours, base)
                    ? new FileMerge(path, Outcome.UPDATED, theirs.content(), executable, "")
                    : new FileMerge(
                            path,
                            Outcome.CONFLICT,
                            theirs.content(),
                            executable,
                            "binary: Bulwark's version is in " + path + THEIRS_SUFFIX + "; keep one, delete the other");
        }
        MergeResult<RawText> result = new MergeAlgorithm(
                        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM))
                .merge(
                        RawTextComparator.DEFAULT,
                        new RawText(base.content()),
                        new RawText(yours.content()),
                        new RawText(theirs.content()));
        ByteArrayOutputStream merged = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(merged, result, List.of("base", "yours", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result.containsConflicts()
                ? new FileMerge(path, Outcome.CONFLICT, merged.toByteArray(), executable, "conflict markers")
                : new FileMerge(path, Outcome.UPDATED, merged.toByteArray(), executable, "");
    }

    private static FileMerge unchanged(String path) {
        return new FileMerge(path, Outcome.UNCHANGED, null, false, "");
    }

    private static boolean same(SourceFile a, SourceFile b) {
        return a == null ? b == null : b != null && Arrays.equals(a.content(), b.content());
    }

    /** Whether Bulwark's version is written beside the project's file rather than merged into it. */
    boolean theirsBeside() {
        return note.startsWith("binary");
    }

    /** Writes the outcome into the project at {@code root}. */
    void writeInto(Path root) {
        try {
            Path file = root.resolve(path());
            switch (outcome) {
                case UNCHANGED, KEPT, REGENERATED -> {}
                case DELETED -> Files.deleteIfExists(file);
                case UPDATED, ADDED, CONFLICT -> {
                    Path target = theirsBeside() ? root.resolve(path() + FileMerge.THEIRS_SUFFIX) : file;
                    Files.createDirectories(target.getParent());
                    Files.write(target, content());
                    target.toFile().setExecutable(executable(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's version of a file, or null when it has none. */
    static SourceFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return new SourceFile(Rendering.read(file), Files.isExecutable(file));
    }
}
