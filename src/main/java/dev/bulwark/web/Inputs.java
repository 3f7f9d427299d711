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

    /**
     * {@link #NO_CONTROL_CHARACTERS} with at least one character that is not a space (Unicode category Z): the rule of
     * a required one-line text, which a partial update may leave out (null) but not blank. Each part matches
     * characters the next cannot (leading spaces, the first other character, the rest), so a match never backtracks:
     * linear time however long the input, where {@code [^X]*[^Y][^X]*} can take quadratic time on a long input that
     * fails at its end.
     */
    public static final String NOT_BLANK = "\\p{Z}*[^\\p{Cc}\\p{Cf}\\p{Z}][^\\p{Cc}\\p{Cf}]*";

    public static final String NOT_BLANK_MESSAGE = "must not be blank or contain control or format characters";

    /**
     * Multi-line text: {@link #NO_CONTROL_CHARACTERS}, but tabs and line breaks are allowed (the control characters
     * are listed one range at a time instead of {@code (?:[^\p{Cc}]|[\t\n\r])*}: Java matches a repeated group
     * recursively, and a long text would overflow the stack).
     */
    public static final String MULTI_LINE = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\p{Cf}]*";

    public static final String MULTI_LINE_MESSAGE =
            "must not contain control or format characters other than tabs and line breaks";

    /** {@link #MULTI_LINE} with at least one character that is not a space, tab or line break (linear, as above). */
    public static final String MULTI_LINE_NOT_BLANK =
            "[\\p{Z}\\t\\n\\r]*[^\\p{Cc}\\p{Cf}\\p{Z}][^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\p{Cf}]*";

    public static final String MULTI_LINE_NOT_BLANK_MESSAGE =
            "must not be blank or contain control or format characters other than tabs and line breaks";

    private Inputs() {}
}
