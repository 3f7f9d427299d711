package dev.bulwark.web;

/**
 * The secret that signs pagination cursors. It must be the same on every instance, or a cursor from one instance is
 * refused by the next; the auth module derives it from the token signing key.
 */
public interface CursorKey {
    byte[] bytes();
}
