package dev.bulwark.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/** Every JSON string the service reads goes through here, so no NUL byte reaches the database (a 500 on peers). */
final class NulRejectingStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        if (value != null && parser.hasToken(JsonToken.VALUE_STRING) && value.indexOf('\0') >= 0) {
            throw new NulCharacterException(parser);
        }
        return value;
    }
}
