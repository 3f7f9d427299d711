package dev.bulwark.account;

import dev.bulwark.audit.AuditableEvent;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts of people who sign in through an identity provider (the oidc module): created on first sign-in without a
 * password (password sign-in then fails like a wrong password, in the same time), and with the roles the provider
 * controls kept in step with it.
 */
@Service
public class ExternalAccounts {

    /** Stored instead of a hash: no encoder reads it, so no password ever matches (as for deleted accounts). */
    static final String NO_PASSWORD = "{none-external-sign-in}";

    private final AccountRepository repository;
    private final AccountService accounts;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountViews views;

    ExternalAccounts(
            AccountRepository repository,
            AccountService accounts,
            ApplicationEventPublisher events,
            JdbcClient jdbc,
            Clock clock,
            AccountViews views) {
        this.repository = repository;
        this.accounts = accounts;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.views = views;
    }

    public Optional<AccountView> findByEmail(String email) {
        return repository.findByEmail(EmailAddress.normalize(email)).map(Account::view);
    }

    /** A new account with the default roles; empty when the email is taken (by an account or a concurrent sign-in). */
    @Transactional
    public Optional<AccountView> create(String email, String displayName) {
        if (!accounts.insert(email, new PreparedPassword(NO_PASSWORD), displayName, BuiltInRoles.DEFAULT)) {
            return Optional.empty();
        }
        Account created = repository.findByEmail(EmailAddress.normalize(email)).orElseThrow();
        events.publishEvent(AuditableEvent.of("user.created_by_sign_in", created.id(), null));
        return Optional.of(created.view());
    }

    /**
     * Makes the account hold exactly the {@code asserted} ones among the {@code managed} roles, leaving the others as
     * they are. Role names that do not exist are ignored. A change is announced like an administrator's, which ends
     * the account's other sessions (their tokens carry the old roles).
     */
    @Transactional
    public AccountView syncRoles(UUID id, Set<String> managed, Set<String> asserted) {
        Account account = repository.findById(id).orElseThrow(AccountNotFound::new);
        Set<String> roles = new HashSet<>(account.roles());
        roles.removeAll(managed);
        roles.addAll(existing(asserted));
        if (!roles.equals(account.roles())) {
            account.assignRoles(roles, clock);
            account = repository.save(account);
            views.changed(id);
            events.publishEvent(new AccountRolesChanged(id));
            events.publishEvent(AuditableEvent.of(
                    "user.roles_changed", id, "by-identity-provider roles=" + String.join(",", roles)));
        }
        return account.view();
    }

    private List<String> existing(Set<String> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT name FROM role WHERE name IN (:names)")
                .param("names", roles)
                .query(String.class)
                .list();
    }
}
