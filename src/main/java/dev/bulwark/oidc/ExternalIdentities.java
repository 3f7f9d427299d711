package dev.bulwark.oidc;

import dev.bulwark.account.AccountView;
import dev.bulwark.account.Accounts;
import dev.bulwark.account.EmailAddress;
import dev.bulwark.account.ExternalAccounts;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Just-in-time users: an identity at a provider (issuer + subject) signs in as the local account it is linked to,
 * made at its first sign-in. It never links to an existing account by email, unless the provider says the email is
 * verified and the provider's {@code link-verified-email} allows it.
 */
@Component
class ExternalIdentities {

    private static final Pattern PLAUSIBLE_EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+");
    private static final int NAME_LENGTH = 100;

    private final ExternalAccounts externalAccounts;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final Clock clock;

    ExternalIdentities(ExternalAccounts externalAccounts, Accounts accounts, JdbcClient jdbc, Clock clock) {
        this.externalAccounts = externalAccounts;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The enabled local account this identity signs in as, made or linked on first sign-in, roles brought in step. */
    @Transactional
    AccountView accountFor(OidcProperties.Provider provider, OidcIdToken idToken) {
        String issuer = idToken.getIssuer().toString();
        UUID accountId = linked(issuer, idToken.getSubject()).orElseGet(() -> link(provider, idToken));
        AccountView account =
                accounts.find(accountId).filter(AccountView::enabled).orElseThrow(OidcProblems.SignInFailed::new);
        if (provider.rolesClaim() == null || provider.roleMapping().isEmpty()) {
            return account;
        }
        Set<String> managed = new HashSet<>(provider.roleMapping().values());
        Set<String> asserted = new HashSet<>();
        List<String> values = idToken.getClaimAsStringList(provider.rolesClaim());
        if (values != null) {
            values.stream()
                    .map(provider.roleMapping()::get)
                    .filter(r -> r != null)
                    .forEach(asserted::add);
        }
        return externalAccounts.syncRoles(accountId, managed, asserted);
    }

    /** Remembers which provider session a browser session came from, for back-channel logout. */
    @Transactional
    void recordSignIn(UUID sessionId, OidcIdToken idToken) {
        jdbc.sql("INSERT INTO browser_sign_in (session_id, issuer, subject, provider_sid) VALUES (?, ?, ?, ?)")
                .params(
                        sessionId,
                        idToken.getIssuer().toString(),
                        idToken.getSubject(),
                        idToken.getClaimAsString("sid"))
                .update();
    }

    /** The live browser sessions a logout token names: by the provider's session id, else by subject. */
    @Transactional(readOnly = true)
    List<UUID> sessionsOf(String issuer, @Nullable String providerSid, @Nullable String subject) {
        String column = providerSid != null ? "provider_sid" : "subject";
        return jdbc.sql("SELECT session_id FROM browser_sign_in WHERE issuer = ? AND " + column + " = ?")
                .params(issuer, providerSid != null ? providerSid : subject)
                .query(UUID.class)
                .list();
    }

    private Optional<UUID> linked(String issuer, String subject) {
        return jdbc.sql("SELECT account_id FROM external_identity WHERE issuer = ? AND subject = ?")
                .params(issuer, subject)
                .query(UUID.class)
                .optional();
    }

    private UUID link(OidcProperties.Provider provider, OidcIdToken idToken) {
        String email = idToken.getEmail();
        if (email == null
                || !PLAUSIBLE_EMAIL.matcher(email).matches()
                || EmailAddress.normalize(email).length() > EmailAddress.MAX_LENGTH) {
            throw new OidcProblems.EmailRequired();
        }
        Optional<AccountView> existing = externalAccounts.findByEmail(email);
        AccountView account;
        if (existing.isPresent()) {
            if (!provider.linkVerifiedEmail() || !Boolean.TRUE.equals(idToken.getEmailVerified())) {
                throw new OidcProblems.AccountExists();
            }
            account = existing.get();
        } else {
            account = externalAccounts
                    .create(email, displayName(idToken, email))
                    .orElseThrow(OidcProblems.AccountExists::new);
        }
        // A concurrent first sign-in of the same identity inserts the same key: the loser signs in as the winner.
        jdbc.sql("""
                        INSERT INTO external_identity (issuer, subject, account_id, created_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (issuer, subject) DO NOTHING""")
                .params(
                        idToken.getIssuer().toString(),
                        idToken.getSubject(),
                        account.id(),
                        Timestamp.from(clock.instant()))
                .update();
        return linked(idToken.getIssuer().toString(), idToken.getSubject()).orElseThrow();
    }

    /** The provider's name for the person, printable and within the column; the email's local part otherwise. */
    private static String displayName(OidcIdToken idToken, String email) {
        String name = String.valueOf(idToken.getFullName())
                .replaceAll("[\\p{Cc}\\p{Cf}]", "")
                .strip();
        if (idToken.getFullName() == null || name.isEmpty()) {
            name = email.substring(0, email.indexOf('@'));
        }
        return name.length() > NAME_LENGTH ? name.substring(0, NAME_LENGTH) : name;
    }
}
