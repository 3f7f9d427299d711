/**
 * Accounts: registration, {@code /api/v1/me}, password policy and hashing, password change, the bootstrap admin, and
 * the account data administrators work on. Owns registration: creating an account is an account matter; the
 * protection module's per-IP rate limits guard the route like any other.
 *
 * <p>Public surface: {@link dev.bulwark.account.Accounts} (credential check and look-up, for sign-in),
 * {@link dev.bulwark.account.CredentialCheck}, {@link dev.bulwark.account.AccountView},
 * {@link dev.bulwark.account.ManagedAccounts} with {@link dev.bulwark.account.ManagedAccount} and
 * {@link dev.bulwark.account.AccountFilter} (for user administration in access),
 * {@link dev.bulwark.account.ExternalAccounts} (accounts of people who sign in through an identity provider, for oidc),
 * {@link dev.bulwark.account.PreparedPassword} (a password hashed before the admin lock is taken),
 * {@link dev.bulwark.account.EmailAddress} (how emails are normalised and limited, for request records elsewhere),
 * {@link dev.bulwark.account.BuiltInRoles}, {@link dev.bulwark.account.BootstrapAdminSettings} (the ops module's
 * start-up guard checks the admin settings), and the events {@link dev.bulwark.account.AccountPasswordChanged},
 * {@link dev.bulwark.account.AccountDisabled} and {@link dev.bulwark.account.AccountRolesChanged}, which the auth
 * module answers by revoking sessions.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "common", "web"})
package dev.bulwark.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
