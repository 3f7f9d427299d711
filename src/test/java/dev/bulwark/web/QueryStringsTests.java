package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringsTests {

    @ParameterizedTest
    @ValueSource(strings = {"", "a=1", "a=1&b=2", "a=%20b", "a=%C3%A9", "flag", "a=1&&b=2", "a=", "a=1&b"})
    void wellFormedQueriesPass(String query) {
        assertThat(QueryStrings.problemWith(query)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%zz", "a=%", "a=%4", "a=b%", "%g0=1", "a=%00", "a=\0", "=x", "a=1&=x"})
    void malformedQueriesAreRefusedWithAReason(String query) {
        assertThat(QueryStrings.problemWith(query)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%zz", "a=%"})
    void aBrokenEscapeIsNamedAsSuch(String query) {
        assertThat(QueryStrings.problemWith(query)).contains("malformed percent-escape");
    }
}
