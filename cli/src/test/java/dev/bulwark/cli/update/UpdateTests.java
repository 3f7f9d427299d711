package dev.bulwark.cli.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.Project;
import dev.bulwark.cli.ScratchProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateTests {

    static final String OPERATIONS = "docs/operations.md";
    static final String SECURITY = "docs/security.md";
    static final String INPUTS_IN_BULWARK = "src/main/java/dev/bulwark/web/Inputs.java";
    static final String INPUTS_IN_PROJECT = "src/main/java/com/acme/orders/web/Inputs.java";

    @TempDir
    Path folder;

    ScratchProjects scratch;

    @BeforeEach
    void cloneBulwark() {
        scratch = new ScratchProjects(folder);
    }

    @Test
    void changesInDifferentFilesMergeCleanlyAndTheNewCommitIsRecordedOnceTheTestsPass() {
        Path project = scratch.project("orders", "true");
        String bulwarkChange = bulwarkCommits(
                INPUTS_IN_BULWARK,
                text -> text.replace("package dev.bulwark.web;", "package dev.bulwark.web;\n\n// A"));
        edit(project.resolve(SECURITY), text -> text + "\nLocal change B\n");
        ScratchProjects.commit(project, "local change");

        int status = scratch.run(project, "update");

        assertThat(status).as(scratch.output()).isZero();
        assertThat(ScratchProjects.read(project.resolve(INPUTS_IN_PROJECT)))
                .startsWith("package com.acme.orders.web;\n\n// A\n");
        assertThat(ScratchProjects.read(project.resolve(SECURITY))).endsWith("\nLocal change B\n");
        assertThat(Project.locate(project.toString()).record().bulwarkCommit()).isEqualTo(bulwarkChange);
        assertThat(project.resolve(UpdateCommand.PENDING)).doesNotExist();
        assertThat(scratch.output()).contains("updated   " + INPUTS_IN_PROJECT);
    }

    @Test
    void changesToTheSameLinesGetConflictMarkersWithBothSidesAndNothingIsRecordedUntilResolved() {
        Path project = scratch.project("orders", "true");
        String recorded = Project.locate(project.toString()).record().bulwarkCommit();
        String firstLine =
                ScratchProjects.lines(scratch.bulwark.resolve(OPERATIONS)).getFirst();
        String bulwarkChange = bulwarkCommits(OPERATIONS, text -> text.replace(firstLine, "# Operations (Bulwark's)"));
        edit(project.resolve(OPERATIONS), text -> text.replace(firstLine, "# Operations (ours)"));
        ScratchProjects.commit(project, "local change");

        int status = scratch.run(project, "update");

        assertThat(status).isEqualTo(UpdateCommand.CONFLICTS);
        assertThat(ScratchProjects.lines(project.resolve(OPERATIONS)))
                .startsWith(
                        "<<<<<<< yours",
                        "# Operations (ours)",
                        "=======",
                        "# Operations (Bulwark's)",
                        ">>>>>>> bulwark " + bulwarkChange.substring(0, 12));
        assertThat(Project.locate(project.toString()).record().bulwarkCommit()).isEqualTo(recorded);

        assertThat(scratch.run(project, "update", "--continue")).isEqualTo(2);
        assertThat(scratch.output()).contains("still unresolved", OPERATIONS);
        assertThat(Project.locate(project.toString()).record().bulwarkCommit()).isEqualTo(recorded);

        edit(
                project.resolve(OPERATIONS),
                text -> text.replaceAll("(?s)<<<<<<< yours\n(.*?)=======\n.*?>>>>>>> [^\n]*\n", "$1"));
        assertThat(scratch.run(project, "update", "--continue")).isZero();
        assertThat(ScratchProjects.lines(project.resolve(OPERATIONS))).first().isEqualTo("# Operations (ours)");
        assertThat(Project.locate(project.toString()).record().bulwarkCommit()).isEqualTo(bulwarkChange);
    }

    @Test
    void aFileBulwarkRemovedStaysWhenTheProjectChangedIt() {
        Path project = scratch.project("orders", "true");
        bulwarkCommits(SECURITY, text -> null);
        edit(project.resolve(SECURITY), text -> text + "\nOur notes\n");
        ScratchProjects.commit(project, "local change");

        assertThat(scratch.run(project, "update")).isZero();

        assertThat(ScratchProjects.read(project.resolve(SECURITY))).endsWith("\nOur notes\n");
        assertThat(scratch.output()).contains("kept      " + SECURITY);
    }

    @Test
    void failingTestsLeaveTheRecordedCommitAsItWas() {
        Path project = scratch.project("orders", "false");
        String recorded = Project.locate(project.toString()).record().bulwarkCommit();
        bulwarkCommits(OPERATIONS, text -> text + "\nMore operations\n");

        int status = scratch.run(project, "update");

        assertThat(status).isEqualTo(UpdateCommand.CONFLICTS);
        assertThat(ScratchProjects.read(project.resolve(OPERATIONS))).endsWith("\nMore operations\n");
        assertThat(Project.locate(project.toString()).record().bulwarkCommit()).isEqualTo(recorded);
        assertThat(project.resolve(UpdateCommand.PENDING)).exists();
        assertThat(scratch.output()).contains("Not recorded");
    }

    @Test
    void aDryRunWritesNothing() {
        Path project = scratch.project("orders", "true");
        String before = ScratchProjects.read(project.resolve(OPERATIONS));
        bulwarkCommits(OPERATIONS, text -> text + "\nMore operations\n");

        assertThat(scratch.run(project, "update", "--dry-run")).isZero();

        assertThat(ScratchProjects.read(project.resolve(OPERATIONS))).isEqualTo(before);
        assertThat(project.resolve(UpdateCommand.PENDING)).doesNotExist();
        assertThat(scratch.output()).contains("updated   " + OPERATIONS, "Dry run: nothing written.");
    }

    @Test
    void uncommittedChangesAreRefusedSoTheUpdateCanBeToldApartFromThem() {
        Path project = scratch.project("orders", "true");
        bulwarkCommits(OPERATIONS, text -> text + "\nMore operations\n");
        edit(project.resolve(SECURITY), text -> text + "\nwork in progress\n");

        assertThat(scratch.run(project, "update")).isEqualTo(2);

        assertThat(scratch.output()).contains("uncommitted changes");
        assertThat(ScratchProjects.read(project.resolve(OPERATIONS))).doesNotContain("More operations");
    }

    /** Changes (or, when {@code change} gives null, deletes) a file in the Bulwark clone and commits it. */
    private String bulwarkCommits(String path, java.util.function.UnaryOperator<String> change) {
        Path file = scratch.bulwark.resolve(path);
        String changed = change.apply(ScratchProjects.read(file));
        if (changed == null) {
            file.toFile().delete();
        } else {
            ScratchProjects.write(file, changed);
        }
        return ScratchProjects.commit(scratch.bulwark, "Bulwark changes " + path);
    }

    private static void edit(Path file, java.util.function.UnaryOperator<String> change) {
        assertThat(Files.exists(file)).isTrue();
        ScratchProjects.write(file, change.apply(ScratchProjects.read(file)));
    }
}
