package dev.bulwark.account;

/**
 * A new account's password, checked against the policy and hashed before any transaction or lock is taken. Opaque
 * outside this module: only the hash is kept, and only this module reads it.
 */
public final class PreparedPassword {

    private final String hash;

    PreparedPassword(String hash) {
        this.hash = hash;
    }

    String hash() {
        return hash;
    }

    @Override
    public String toString() {
        return "PreparedPassword[hidden]";
    }
}
