package dev.bulwark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The parts of the persistence rule (docs/architecture.md, "Persistence") that a machine can check. */
class PersistenceRulesTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.bulwark");

    /** Spring Session's JDBC store is a library that takes these types; it holds no SQL or transaction of ours. */
    private static final String SESSION_STORE_WIRING = "dev.bulwark.oidc.BrowserSessionStore";

    @Test
    void sqlGoesThroughJdbcClientOnly() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(SESSION_STORE_WIRING)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(JdbcOperations.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(NamedParameterJdbcOperations.class)
                .because("one SQL API: JdbcClient (JdbcTemplate and NamedParameterJdbcTemplate are its engine)")
                .check(MAIN);
    }

    @Test
    void controllersHoldNoSqlAndNoPersistenceApi() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(JdbcClient.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(JdbcAggregateOperations.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Repository.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(DataSource.class)
                .because("SQL lives in *Queries and *Repository classes; a controller calls a service or a query")
                .check(MAIN);
    }

    @Test
    void transactionsAreDeclaredExceptAroundPasswordHashingAndCommitThenFail() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.bulwark.account.AccountService")
                .and()
                .doNotHaveFullyQualifiedName("dev.bulwark.account.Accounts")
                .and()
                .doNotHaveFullyQualifiedName("dev.bulwark.auth.SessionService")
                .and()
                .doNotHaveFullyQualifiedName("dev.bulwark.access.UserAdministration")
                .and()
                .doNotHaveFullyQualifiedName(SESSION_STORE_WIRING)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(TransactionTemplate.class)
                .because("transactions are @Transactional on service methods; TransactionTemplate only where part of"
                        + " a method must run outside the transaction (docs/architecture.md, Persistence)")
                .check(MAIN);
    }
}
