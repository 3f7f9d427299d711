package dev.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Issue 12 item 5: an address someone registered first is not silently accepted as the bootstrap admin's. */
@IntegrationTest
class BootstrapAdminTests {

    private static final String PASSPHRASE = "bootstrap admin passphrase";

    @Autowired
    AccountService service;

    @Autowired
    AccountRepository repository;

    @Autowired
    PasswordHashing hashing;

    private BootstrapAdmin bootstrapFor(String email) {
        return new BootstrapAdmin(new BootstrapAdmin.Settings(email, PASSPHRASE, null), service, repository);
    }

    @Test
    void anEmailAStrangerRegisteredFirstRefusesTheStartWithOneReport() {
        String email = AuthClient.uniqueEmail();
        service.register(email, "the stranger's own passphrase", "Stranger");
        assertThatThrownBy(() -> bootstrapFor(email).afterSingletonsInstantiated())
                .isInstanceOfSatisfying(BootstrapAdminTaken.class, taken -> {
                    FailureAnalysis report = new BootstrapAdminFailureAnalyzer().analyze(taken);
                    assertThat(report.getDescription())
                            .startsWith("Bulwark refused to start:\n  - bulwark.bootstrap.admin.email")
                            .contains("does not hold ADMIN")
                            .doesNotContain(email);
                    assertThat(report.getAction()).contains("an address no account uses");
                });
        assertThat(repository.findByEmail(email).orElseThrow().roles()).containsExactly(BuiltInRoles.USER);
    }

    @Test
    void anExistingAdminIsLeftAsItIsAndANewAddressBecomesTheAdmin() {
        String existing = AuthClient.uniqueEmail();
        service.register(existing, PASSPHRASE, "Admin", Set.of(BuiltInRoles.USER, BuiltInRoles.ADMIN));
        bootstrapFor(existing).afterSingletonsInstantiated();
        String fresh = AuthClient.uniqueEmail();
        bootstrapFor(fresh).afterSingletonsInstantiated();
        assertThat(repository.findByEmail(fresh).orElseThrow().roles()).contains(BuiltInRoles.ADMIN);
    }

    @Test
    void anExistingAdminCostsNoHashAtStart() {
        String existing = AuthClient.uniqueEmail();
        service.register(existing, PASSPHRASE, "Admin", Set.of(BuiltInRoles.USER, BuiltInRoles.ADMIN));
        String hashBefore = repository.findByEmail(existing).orElseThrow().passwordHash();
        long hashes = hashing.hashes();
        long dummies = hashing.dummyChecks();
        bootstrapFor(existing).afterSingletonsInstantiated();
        assertThat(hashing.hashes()).isEqualTo(hashes);
        assertThat(hashing.dummyChecks()).isEqualTo(dummies);
        assertThat(repository.findByEmail(existing).orElseThrow().passwordHash())
                .isEqualTo(hashBefore);
    }

    @Test
    void aStrangersAccountIsRefusedWithoutHashing() {
        String email = AuthClient.uniqueEmail();
        service.register(email, "the stranger's own passphrase", "Stranger");
        long hashes = hashing.hashes();
        assertThatThrownBy(() -> bootstrapFor(email).afterSingletonsInstantiated())
                .isInstanceOf(BootstrapAdminTaken.class);
        assertThat(hashing.hashes()).isEqualTo(hashes);
    }

    @Test
    void aNewAdminIsHashedOnce() {
        String fresh = AuthClient.uniqueEmail();
        long hashes = hashing.hashes();
        bootstrapFor(fresh).afterSingletonsInstantiated();
        assertThat(hashing.hashes()).isEqualTo(hashes + 1);
        assertThat(hashing.matches(
                        PASSPHRASE, repository.findByEmail(fresh).orElseThrow().passwordHash()))
                .isTrue();
    }
}
