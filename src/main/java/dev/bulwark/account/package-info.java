/**
 * Accounts: registration, profile, password policy and hashing, password change, the bootstrap admin.
 *
 * <p>Public surface: {@link dev.bulwark.account.Accounts} (credential checks and look-ups for the auth module),
 * {@link dev.bulwark.account.AccountView}, {@link dev.bulwark.account.EmailAddress} (how emails are normalised and
 * limited, for request records elsewhere), {@link dev.bulwark.account.PreparedPassword}, and the events {@link dev.bulwark.account.AccountPasswordChanged} and
 * {@link dev.bulwark.account.AccountDisabled}, which the auth module answers by revoking sessions.
 */
@NullMarked
package dev.bulwark.account;

import org.jspecify.annotations.NullMarked;
