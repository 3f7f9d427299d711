package dev.bulwark.web;

/**
 * Regular expressions for request fields, written in the subset Java and ECMA-262 (with the {@code u} flag) read the
 * same way: they are published as {@code pattern} in the OpenAPI document, where validators and client generators in
 * other languages compile them. Java-only syntax such as {@code \p{Cntrl}} made them reject the whole document.
 */
public final class Inputs {

    /**
     * Any text without control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) or format characters
     * (Cf: the bidirectional controls U+202A–U+202E and U+2066–U+2069, zero-width characters, the soft hyphen), which
     * let one name render as another in admin screens and logs. {@code \p{..}} with a general category is read the
     * same way by Java and by ECMA-262 with the {@code u} flag ({@code OpenApiPatternTests} checks both). Emoji
     * sequences joined with U+200D (ZWJ, a Cf character) are refused too; their parts are accepted on their own.
     */
    public static final String NO_CONTROL_CHARACTERS = "[^\\p{Cc}\\p{Cf}]*";

    public static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control or format characters";

    private Inputs() {}
}
