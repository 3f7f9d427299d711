package dev.bulwark.web;

/**
 * Regular expressions for request fields, written in the subset Java and ECMA-262 (with the {@code u} flag) read the
 * same way: they are published as {@code pattern} in the OpenAPI document, where validators and client generators in
 * other languages compile them. Java-only syntax such as {@code \p{Cntrl}} made them reject the whole document.
 */
public final class Inputs {

    /** Any text without control characters (U+0000–U+001F, U+007F), the same set as Java's {@code \p{Cntrl}}. */
    public static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x1F\\x7F]*";

    public static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

    private Inputs() {}
}
