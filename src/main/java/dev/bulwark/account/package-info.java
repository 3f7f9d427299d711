/**
 * Accounts: registration, profile, password policy and hashing, password change, the bootstrap admin.
 *
 * <p>Public surface: {@link dev.bulwark.account.Accounts} (credential checks and look-ups for the auth module),
 * {@link dev.bulwark.account.AccountView}, and the events {@link dev.bulwark.account.AccountPasswordChanged} and
 * {@link dev.bulwark.account.AccountDisabled}, which the auth module answers by revoking sessions, and
 * {@link dev.bulwark.account.BootstrapAdminSettings} (the ops module's start-up guard checks the admin settings).
 */
@NullMarked
package dev.bulwark.account;

import org.jspecify.annotations.NullMarked;
