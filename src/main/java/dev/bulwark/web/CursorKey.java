package dev.bulwark.web;

import java.util.List;

/**
 * The secrets that sign pagination cursors. They must be the same on every instance, or a cursor from one instance
 * is refused by the next; the auth module derives one from each token signing key. The first signs; every one is
 * accepted, so a cursor handed out before a key rotation still works after it.
 */
public interface CursorKey {

    /** The key new cursors are signed with. */
    byte[] bytes();

    /** Every key a cursor may be signed with, {@link #bytes()} first. */
    default List<byte[]> accepted() {
        return List.of(bytes());
    }
}
