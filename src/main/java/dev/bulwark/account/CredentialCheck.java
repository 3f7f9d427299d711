package dev.bulwark.account;

/** What checking an email and password found. Sign-in maps each outcome to its answer in one place. */
public sealed interface CredentialCheck {

    /**
     * The email exists, the password matches and the account is enabled. The account's credential version was read
     * with the hash that matched: the session may start only while it is still the current one
     * ({@link Accounts#lockCredentialVersion}).
     */
    record Accepted(AccountView account) implements CredentialCheck {}

    /** Unknown email, wrong password or disabled account: indistinguishable, and equally slow, by design. */
    record Rejected() implements CredentialCheck {}

    /** The hashing pool refused the check: the password was never compared. */
    record NotChecked() implements CredentialCheck {}
}
