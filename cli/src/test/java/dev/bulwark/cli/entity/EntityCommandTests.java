package dev.bulwark.cli.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.Console;
import dev.bulwark.cli.ProjectCommands;
import dev.bulwark.cli.Prompt;
import dev.bulwark.cli.ScratchProjects;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entity add|ls|rm} on a scratch clone of Bulwark, the formatter and the docs regeneration left out (the
 * end-to-end test runs them): what is written, what is refused, and that a removal takes away exactly what was added.
 */
class EntityCommandTests {

    static final String MIGRATIONS = "src/main/resources/db/migration";

    @TempDir
    Path folder;

    ScratchProjects scratch;
    Path project;

    @BeforeEach
    void cloneBulwark() {
        scratch = new ScratchProjects(folder);
        project = scratch.bulwark;
    }

    @Test
    void addWritesOneModuleItsTestsItsMigrationAndTheRecord() throws IOException {
        int status = scratch.run(project, "entity", "add", "Customer", "name:string:required:max=80", "vip:boolean");

        assertThat(status).as(scratch.output()).isZero();
        Path module = project.resolve("src/main/java/dev/bulwark/customer");
        assertThat(names(module))
                .containsExactlyInAnyOrder(
                        "package-info.java",
                        "Customer.java",
                        "NewCustomer.java",
                        "CustomerUpdate.java",
                        "CustomerView.java",
                        "CustomerRepository.java",
                        "CustomerService.java",
                        "CustomerQueries.java",
                        "CustomerController.java",
                        "CustomerProblem.java");
        assertThat(names(project.resolve("src/test/java/dev/bulwark/customer")))
                .containsExactlyInAnyOrder("CustomerTests.java", "CustomerAccessRows.java");
        Scaffold scaffold = Scaffold.all(project).get("Customer");
        assertThat(scaffold.files()).hasSize(12);
        assertThat(scaffold.migrations()).singleElement().satisfies(migration -> {
            assertThat(migration).endsWith("__customer.sql");
            assertThat(Files.readString(project.resolve(migration)))
                    .contains("CREATE TABLE customer (")
                    .containsPattern("\n    name +VARCHAR\\(80\\) NOT NULL,\n    vip +BOOLEAN,\n")
                    .contains("('customers:read', 'list and read customers (`/api/v1/customers`)')")
                    .contains("('USER', 'customers:read')");
        });
        String controller = Files.readString(module.resolve("CustomerController.java"));
        assertThat(controller)
                .contains(
                        "@RequestMapping(\"/api/v1/customers\")", "@PreAuthorize(\"hasAuthority('customers:write')\")");
        assertThat(scratch.output()).contains("Next:", "curl", "/api/v1/customers");
    }

    @Test
    void theNewMigrationSortsAfterEveryExistingOne() throws IOException {
        Files.writeString(project.resolve(MIGRATIONS + "/V299912312359__far_future.sql"), "SELECT 1;");
        assertThat(scratch.run(project, "entity", "add", "Customer", "name:string"))
                .isZero();
        assertThat(Scaffold.all(project).get("Customer").migrations())
                .containsExactly(MIGRATIONS + "/V299912312360__customer.sql");
    }

    @Test
    void addThenRemoveLeavesTheOriginalFilesPlusTheTwoMigrations() throws IOException {
        Map<String, String> before = snapshot();

        assertThat(scratch.run(
                        project,
                        "entity",
                        "add",
                        "Customer",
                        "name:string:required",
                        "tier:enum(GOLD,SILVER)",
                        "email:string:unique"))
                .as(scratch.output())
                .isZero();
        assertThat(scratch.run(
                        project, "entity", "add", "Invoice", "total:decimal:min=0:required", "customer:ref(Customer)"))
                .as(scratch.output())
                .isZero();
        assertThat(scratch.run(project, "entity", "rm", "Invoice"))
                .as(scratch.output())
                .isZero();
        assertThat(scratch.run(project, "entity", "rm", "Customer"))
                .as(scratch.output())
                .isZero();

        Map<String, String> after = snapshot();
        List<String> added = new ArrayList<>(after.keySet());
        added.removeAll(before.keySet());
        assertThat(added)
                .hasSize(4)
                .allSatisfy(path -> assertThat(path).startsWith(MIGRATIONS + "/V"))
                .anySatisfy(path -> assertThat(path).endsWith("__customer.sql"))
                .anySatisfy(path -> assertThat(path).endsWith("__drop_customer.sql"))
                .anySatisfy(path -> assertThat(path).endsWith("__invoice.sql"))
                .anySatisfy(path -> assertThat(path).endsWith("__drop_invoice.sql"));
        after.keySet().removeAll(added);
        assertThat(after).isEqualTo(before);
        String drop = after.isEmpty()
                ? ""
                : Files.readString(project.resolve(added.stream()
                        .filter(path -> path.endsWith("__drop_customer.sql"))
                        .findFirst()
                        .orElseThrow()));
        assertThat(drop)
                .contains("DROP TABLE customer;")
                .contains("DELETE FROM permission WHERE name IN ('customers:read', 'customers:write');");
    }

    @Test
    void lsListsTheEntitiesAndTheirFields() {
        scratch.run(project, "entity", "add", "Customer", "name:string:required:max=80");
        scratch.run(project, "entity", "add", "Invoice", "--private", "customer:ref(Customer):required");

        assertThat(scratch.run(project, "entity", "ls")).isZero();

        assertThat(scratch.output())
                .contains("Customer  /api/v1/customers  (customers:read for USER and ADMIN")
                .contains("  name:string:required:max=80")
                .contains("Invoice  /api/v1/invoices  (invoices:read for ADMIN only")
                .contains("  customer:ref(Customer):required");
    }

    @Test
    void badInputIsRefusedWithExitStatus2AndNothingWritten() throws IOException {
        scratch.run(project, "entity", "add", "Customer", "name:string");
        Map<String, String> before = snapshot();
        Map<List<String>, String> refusals = Map.of(
                List.of("Order", "total:decimal"), "an SQL reserved word",
                List.of("Switch", "on:boolean"), "a Java keyword",
                List.of("Kunde", "näme:string"), "ASCII",
                List.of("Customer", "name:string"), "exists already",
                List.of("Invoice", "total:money"), "unknown type",
                List.of("Invoice", "total:decimal:positive"), "option 'positive' is unknown",
                List.of("Invoice", "supplier:ref(Supplier)"), "not a scaffolded entity",
                List.of("Invoice", "total:decimal", "total:int"), "'total' is given twice",
                List.of("Invoice"), "give the fields",
                List.of("Page", "name:string"), "would shadow");
        refusals.forEach((arguments, reason) -> {
            List<String> command = new ArrayList<>(List.of("entity", "add"));
            command.addAll(arguments);
            int start = scratch.output().length();
            int status = scratch.run(project, command.toArray(String[]::new));
            String output = scratch.output().substring(start);
            assertThat(status).as(arguments + ": " + output).isEqualTo(2);
            assertThat(output).as(arguments.toString()).contains(reason);
        });
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aModuleOrTableOfTheProjectIsNotOverwritten() throws IOException {
        Map<String, String> before = snapshot();
        assertThat(scratch.run(project, "entity", "add", "Account", "name:string"))
                .isEqualTo(2);
        assertThat(scratch.output()).contains("src/main/java/dev/bulwark/account exists already");
        assertThat(scratch.run(project, "entity", "add", "RefreshToken", "name:string"))
                .isEqualTo(2);
        assertThat(scratch.output()).contains("already creates the table refresh_token");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void rmRefusesAReferencedEntityAndAnEditedFileUnlessForced() throws IOException {
        scratch.run(project, "entity", "add", "Customer", "name:string");
        scratch.run(project, "entity", "add", "Invoice", "customer:ref(Customer)");
        Map<String, String> before = snapshot();

        assertThat(scratch.run(project, "entity", "rm", "Customer")).isEqualTo(2);
        assertThat(scratch.output()).contains("Invoice.customer refers to Customer");
        assertThat(scratch.run(project, "entity", "rm", "Nobody")).isEqualTo(2);
        assertThat(scratch.output()).contains("no scaffolded entity Nobody");

        Path edited = project.resolve("src/main/java/dev/bulwark/invoice/InvoiceService.java");
        Files.writeString(edited, Files.readString(edited) + "// mine\n");
        assertThat(scratch.run(project, "entity", "rm", "Invoice")).isEqualTo(2);
        assertThat(scratch.output()).contains("edited since entity add wrote them", "InvoiceService.java", "--force");
        before.put("src/main/java/dev/bulwark/invoice/InvoiceService.java", Files.readString(edited));
        assertThat(snapshot()).isEqualTo(before);

        Path stale = project.resolve("target/classes/dev/bulwark/invoice/Invoice.class");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "compiled before the removal");
        assertThat(scratch.run(project, "entity", "rm", "Invoice", "--force")).isZero();
        assertThat(project.resolve("target/classes/dev/bulwark/invoice")).doesNotExist();
        assertThat(edited).doesNotExist();
        assertThat(project.resolve("src/main/java/dev/bulwark/invoice")).doesNotExist();
        assertThat(Scaffold.all(project)).containsOnlyKeys("Customer");
    }

    @Test
    void fieldsAreAskedForOneALineOnATerminalAndAMistakeIsExplainedThere() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(printed, true, StandardCharsets.UTF_8));
        ProjectCommands skipped = new ProjectCommands(console) {
            @Override
            public void format(Path folder) {}

            @Override
            public void docs(Path folder) {}
        };
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(
                    "name:string:required\nprice:money\nprice:decimal:min=0\n\n".getBytes(StandardCharsets.UTF_8)));
            int status = EntityCommand.commandLine(console, skipped, new Prompt(true), project.toString())
                    .execute("add", "Customer");

            assertThat(status).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(Scaffold.all(project).get("Customer").fields())
                .extracting(Field::spec)
                .containsExactly("name:string:required", "price:decimal:min=0");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("unknown type 'money'");
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return new java.util.TreeSet<>(
                    files.map(file -> file.getFileName().toString()).toList());
        }
    }

    /** Every file of the project but Git's own and build output: path → content. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(project)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = project.relativize(file).toString();
                if (!path.startsWith(".git/") && !path.startsWith("target/") && !path.startsWith("cli/target/")) {
                    files.put(path, new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }
}
