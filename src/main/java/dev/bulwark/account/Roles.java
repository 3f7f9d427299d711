package dev.bulwark.account;

import java.util.Set;

/** The built-in roles. Every account has USER; ADMIN is given to the bootstrap admin. */
final class Roles {

    static final String USER = "USER";
    static final String ADMIN = "ADMIN";

    static final Set<String> DEFAULT = Set.of(USER);

    private Roles() {}
}
