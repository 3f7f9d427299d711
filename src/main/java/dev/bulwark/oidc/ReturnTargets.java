package dev.bulwark.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a browser may be sent after sign-in: a path on this service, or a URL on an allowed origin. Anything else (an
 * open redirect that would hand a phishing page a trusted link) is refused before the provider is contacted.
 */
final class ReturnTargets {

    static final int MAX_LENGTH = 2048;

    // "//host" and "/\host" are protocol-relative in browsers; control characters and backslashes never belong here.
    private static final Pattern SAFE_PATH = Pattern.compile("/(?![/\\\\])[^\\\\\\p{Cntrl}\\s]*");

    private final Set<String> origins = new HashSet<>();

    ReturnTargets(OidcProperties properties) {
        if (properties.baseUrl() != null) {
            origins.add(origin(properties.baseUrl()));
        }
        properties.allowedReturnOrigins().forEach(origin -> origins.add(origin(origin)));
    }

    /** The target to redirect to; {@code /} when none is given. */
    String check(@Nullable String returnTo) {
        if (returnTo == null || returnTo.isEmpty()) {
            return "/";
        }
        if (returnTo.length() > MAX_LENGTH) {
            throw new OidcProblems.InvalidReturnTo();
        }
        if (returnTo.startsWith("/")) {
            if (!SAFE_PATH.matcher(returnTo).matches() || parse(returnTo).getRawAuthority() != null) {
                throw new OidcProblems.InvalidReturnTo();
            }
            return returnTo;
        }
        URI uri = parse(returnTo);
        if (uri.getRawUserInfo() != null || uri.getHost() == null || !origins.contains(origin(uri))) {
            throw new OidcProblems.InvalidReturnTo();
        }
        return uri.toString();
    }

    /** Whether an Origin header names this service or an allowed front end. */
    boolean allowsOrigin(@Nullable String origin) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return false;
        }
        try {
            return origins.contains(origin(new URI(origin)));
        } catch (URISyntaxException | IllegalArgumentException malformed) {
            return false;
        }
    }

    private static URI parse(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException malformed) {
            throw new OidcProblems.InvalidReturnTo();
        }
    }

    /** scheme://host:port, lower-case, with the default port spelled out, so equal origins compare equal. */
    static String origin(URI uri) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }
}
