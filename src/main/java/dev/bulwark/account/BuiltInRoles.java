package dev.bulwark.account;

import java.util.Set;

/**
 * The built-in roles (rows of the role table made by migration, never deleted). Every account has USER; ADMIN is
 * given to the bootstrap admin and grants every permission. Owned here because registration assigns USER; the access
 * module, which manages roles, reads the names from here.
 */
public final class BuiltInRoles {

    public static final String USER = "USER";
    public static final String ADMIN = "ADMIN";

    static final Set<String> DEFAULT = Set.of(USER);

    private BuiltInRoles() {}
}
