package dev.bulwark.cli.create;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.Answers;
import dev.bulwark.cli.Project;
import dev.bulwark.cli.ScratchProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewCommandTests {

    @TempDir
    Path folder;

    ScratchProjects scratch;

    @BeforeEach
    void cloneBulwark() {
        scratch = new ScratchProjects(folder);
    }

    @Test
    void aProjectIsARenamedCopyInAFreshRepositoryWithOneCommitAndItsRecord() throws Exception {
        Path project = folder.resolve("orders");

        int status = scratch.run(
                scratch.bulwark,
                "new",
                project.toString(),
                "--group",
                "com.acme",
                "--name",
                "orders",
                "--description",
                "Orders of Acme");

        assertThat(status).as(scratch.output()).isZero();
        Project.Record record = Project.locate(project.toString()).record();
        assertThat(record.answers()).isEqualTo(new Answers("com.acme", "orders", "com.acme.orders", "Orders of Acme"));
        try (Git bulwark = Git.open(scratch.bulwark.toFile());
                Git git = Git.open(project.toFile())) {
            assertThat(record.bulwarkCommit())
                    .isEqualTo(bulwark.getRepository().resolve("HEAD").getName());
            assertThat(git.log().call()).hasSize(1);
            assertThat(git.status().call().isClean()).isTrue();
            RevCommit first = git.log().call().iterator().next();
            assertThat(first.getFullMessage())
                    .contains("orders", record.bulwarkCommit().substring(0, 12));
        }
        assertThat(project.resolve("src/main/java/com/acme/orders/OrdersApplication.java"))
                .exists();
        assertThat(project.resolve("src/main/java/dev")).doesNotExist();
        assertThat(project.resolve("bulwark")).isExecutable();
        assertThat(scratch.output()).contains("Next:", "./bulwark run");
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedAndLeftAsItWas() throws IOException {
        Path taken = Files.createDirectories(folder.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");

        int status = scratch.run(scratch.bulwark, "new", taken.toString(), "--group", "com.acme", "--name", "orders");

        assertThat(status).isEqualTo(2);
        assertThat(scratch.output()).contains("is not empty");
        try (Stream<Path> files = Files.list(taken)) {
            assertThat(files).containsExactly(taken.resolve("notes.txt"));
        }
    }

    @Test
    void badNamesAreRefusedBeforeAnythingIsWritten() {
        Path project = folder.resolve("bad");

        assertThat(scratch.run(scratch.bulwark, "new", project.toString(), "--group", "com.acme", "--name", "Orders"))
                .isEqualTo(2);
        assertThat(scratch.run(
                        scratch.bulwark,
                        "new",
                        project.toString(),
                        "--group",
                        "com.acme",
                        "--name",
                        "orders",
                        "--package",
                        "com.acme.new"))
                .isEqualTo(2);
        assertThat(scratch.run(scratch.bulwark, "new", project.toString(), "--grup", "com.acme"))
                .isEqualTo(2);

        assertThat(scratch.output())
                .contains(
                        "not a project name",
                        "Java keyword",
                        "Unknown options: '--grup'",
                        "Possible solutions: --group");
        assertThat(project).doesNotExist();
    }

    @Test
    void aFolderInsideTheBulwarkCheckoutIsRefused() {
        Path inside = scratch.bulwark.resolve("orders");

        assertThat(scratch.run(scratch.bulwark, "new", inside.toString(), "--group", "com.acme", "--name", "orders"))
                .isEqualTo(2);

        assertThat(scratch.output()).contains("is inside the Bulwark checkout");
        assertThat(inside).doesNotExist();
    }

    @Test
    void withoutATerminalAMissingRequiredOptionIsAnErrorNotAQuestion() {
        Path project = folder.resolve("orders");

        assertThat(scratch.run(scratch.bulwark, "new", project.toString(), "--name", "orders"))
                .isEqualTo(2);

        assertThat(scratch.output()).contains("--group is required (no terminal to ask on)");
        assertThat(project).doesNotExist();
    }

    @Test
    void aProjectMadeFromBulwarkIsNotASourceForAnotherUnlessOneIsNamed() {
        Path first = scratch.project("orders", "true");

        assertThat(scratch.run(first, "new", folder.resolve("second").toString(), "--group", "com.acme", "--name", "b"))
                .isEqualTo(2);
        assertThat(scratch.output()).contains("is a project made from Bulwark");

        assertThat(scratch.run(
                        first,
                        "new",
                        folder.resolve("second").toString(),
                        "--group",
                        "com.acme",
                        "--name",
                        "billing",
                        "--from",
                        scratch.bulwark.toString()))
                .isZero();
        assertThat(folder.resolve("second/src/main/java/com/acme/billing/BillingApplication.java"))
                .exists();
    }
}
