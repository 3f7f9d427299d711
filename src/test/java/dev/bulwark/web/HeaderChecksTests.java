package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The regex-free checks answer what Spring Security's patterns answer, for edge cases and random headers alike. */
class HeaderChecksTests {

    /** StrictHttpFirewall's header-value pattern. */
    private static final Pattern SPRING_HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private static final String ALPHABET = "aZ09-._~+/= \t\u0000\u007f\u00e9\u0378\ud83d\ude00\ud83dBbEeRr";

    private final BearerTokenResolver ours = new HeaderChecks.BearerTokens();
    private final BearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Test
    void headerValuesAreAllowedExactlyWhenSpringsPatternAllowsThem() {
        for (String value : samples()) {
            assertThat(HeaderChecks.assignedAndNotControl(value))
                    .as("%s", value.codePoints().boxed().toList())
                    .isEqualTo(SPRING_HEADER_VALUES.matcher(value).matches());
        }
    }

    @Test
    void bearerTokensAreReadAndRefusedExactlyAsSpringDoes() {
        for (String value : samples()) {
            for (String query : new String[] {null, "access_token=abc", "limit=2"}) {
                MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
                request.addHeader("Authorization", value);
                if (query != null) {
                    request.setQueryString(query);
                    request.addParameter(
                            query.substring(0, query.indexOf('=')), query.substring(query.indexOf('=') + 1));
                }
                assertThat(outcome(ours, request)).as("%s ? %s", value, query).isEqualTo(outcome(spring, request));
            }
        }
    }

    @Test
    void aWellFormedTokenIsReadWithoutSpringsResolver() {
        assertThat(HeaderChecks.BearerTokens.wellFormed("bEARER abc.DEF-_~+/=="))
                .isEqualTo("abc.DEF-_~+/==");
        assertThat(HeaderChecks.BearerTokens.wellFormed("Bearer ==")).isNull();
        assertThat(HeaderChecks.BearerTokens.wellFormed("Bearer a=b")).isNull();
        assertThat(HeaderChecks.BearerTokens.wellFormed("Bearer  abc")).isNull();
        assertThat(HeaderChecks.BearerTokens.wellFormed("Basic abc")).isNull();
    }

    private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            return "token:" + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "refused:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
        }
    }

    private static List<String> samples() {
        List<String> samples = new ArrayList<>(List.of(
                "",
                "Bearer",
                "Bearer ",
                "bearer abc",
                "BEARER abc==",
                "Bearer abc=",
                "Bearer abc=d",
                "Bearer a b",
                "Bearer\tabc",
                "Bearerabc",
                "Bearer abc\u0000",
                "Bearer é",
                "Basic dXNlcjpwYXNz",
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"));
        Random random = new Random(16);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder value = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            for (int n = random.nextInt(12); n > 0; n--) {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            samples.add(value.toString());
        }
        return samples;
    }
}
