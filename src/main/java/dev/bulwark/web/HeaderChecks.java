package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's two checks of the {@code Authorization} header, without regular expressions: a profile of
 * {@code GET /api/v1/me} spent 19% of its CPU matching the 700-character bearer token against the firewall's
 * header-value pattern and the bearer-token pattern. Both answer exactly what Spring's patterns answer
 * ({@code HeaderChecksTests} compares them).
 */
final class HeaderChecks {

    private HeaderChecks() {}

    /** The firewall of both chains: Spring's strict one, its header values checked character by character. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(HeaderChecks::assignedAndNotControl);
        return firewall;
    }

    /** What {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} matches: no unassigned or control code point. */
    static boolean assignedAndNotControl(String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /**
     * A well-formed {@code Authorization: Bearer} token of a request that cannot carry an {@code access_token}
     * parameter is read here; every other request (no header, a malformed one, a query string or a form body, where
     * Spring refuses a second token) goes to Spring's resolver, so its answers and errors stay Spring's.
     */
    static final class BearerTokens implements BearerTokenResolver {

        private static final String PREFIX = "Bearer ";
        private final DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();

        @Override
        public @Nullable String resolve(HttpServletRequest request) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && request.getQueryString() == null && !isForm(request)) {
                String token = wellFormed(header);
                if (token != null) {
                    return token;
                }
            }
            return standard.resolve(request);
        }

        private static boolean isForm(HttpServletRequest request) {
            String type = request.getContentType();
            return type != null
                    && type.regionMatches(
                            true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0, "application/x-www-form".length());
        }

        /** The token when the header matches {@code ^Bearer [a-zA-Z0-9-._~+/]+=*$} (prefix in any case), else null. */
        static @Nullable String wellFormed(String header) {
            int start = PREFIX.length();
            if (!header.regionMatches(true, 0, PREFIX, 0, start)) {
                return null;
            }
            int end = header.length();
            while (end > start && header.charAt(end - 1) == '=') {
                end--;
            }
            if (end == start) {
                return null;
            }
            for (int i = start; i < end; i++) {
                if (!tokenCharacter(header.charAt(i))) {
                    return null;
                }
            }
            return header.substring(start);
        }

        private static boolean tokenCharacter(char c) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
        }
    }
}
