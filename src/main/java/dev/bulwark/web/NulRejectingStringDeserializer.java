package dev.bulwark.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Every JSON string the service reads goes through here: numbers and booleans are not silently turned into strings,
 * and no NUL character reaches the database (PostgreSQL refuses it in text: a 500 on many services).
 */
final class NulRejectingStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != null
                && parser.currentToken().isScalarValue()
                && !parser.hasToken(JsonToken.VALUE_STRING)
                && !parser.hasToken(JsonToken.VALUE_NULL)) {
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
        String value = super.deserialize(parser, context);
        if (value != null && parser.hasToken(JsonToken.VALUE_STRING) && value.indexOf('\0') >= 0) {
            throw new NulCharacterException(parser);
        }
        return value;
    }
}
