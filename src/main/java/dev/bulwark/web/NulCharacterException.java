package dev.bulwark.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string holding U+0000, which PostgreSQL cannot store in text columns. */
final class NulCharacterException extends MismatchedInputException {

    NulCharacterException(JsonParser parser) {
        super(parser, "String value contains a NUL character");
    }
}
