package dev.bulwark.account;

/**
 * The bootstrap admin's email belongs to an account without ADMIN: someone registered the address first. Starting
 * would leave the deployment without the admin it was configured to have, and the address with a stranger, so the
 * start is refused ({@link BootstrapAdminFailureAnalyzer} prints the report). The message names the setting, never
 * the address (logs hold no full email).
 */
final class BootstrapAdminTaken extends IllegalStateException {

    static final String PROBLEM = "bulwark.bootstrap.admin.email (BULWARK_BOOTSTRAP_ADMIN_EMAIL) belongs to an"
            + " existing account that does not hold ADMIN: someone registered that address before the admin was"
            + " created, and Bulwark will not hand the admin role to an account it did not create.";

    static final String ACTION = "Set bulwark.bootstrap.admin.email to an address no account uses, start, and then"
            + " disable or delete the account that took the address (DELETE /api/v1/admin/users/{id}); or, if that"
            + " account is really yours, remove the bootstrap settings and have an existing admin grant it ADMIN.";

    BootstrapAdminTaken() {
        super("Bulwark refused to start:\n  - " + PROBLEM, null);
    }
}
