package dev.bulwark.oidc;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** What production refuses in the browser sign-in settings, each as a sentence saying what to change. */
public final class OidcSettings {

    private OidcSettings() {}

    public static List<String> problemsIn(Environment environment) {
        OidcProperties properties = Binder.get(environment).bindOrCreate("bulwark.oidc", OidcProperties.class);
        if (!properties.enabled()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (properties.baseUrl() == null || !secureOrLoopback(properties.baseUrl())) {
            problems.add("bulwark.oidc.base-url (BULWARK_OIDC_BASEURL) must be this service's https origin: the"
                    + " redirect URI registered at the providers is built from it.");
        }
        for (URI origin : properties.allowedReturnOrigins()) {
            if (origin.toString().contains("*") || !secureOrLoopback(origin)) {
                problems.add("bulwark.oidc.allowed-return-origins holds '" + origin + "': list exact https origins,"
                        + " no wildcard.");
            }
        }
        for (Map.Entry<String, OidcProperties.Provider> entry :
                properties.providers().entrySet()) {
            problems.addAll(providerProblems(entry.getKey(), entry.getValue()));
        }
        OidcProperties.Session session = properties.session();
        if ("None".equals(session.sameSite()) && !session.secureCookie()) {
            problems.add("bulwark.oidc.session.same-site is None while secure-cookie is false: browsers would send the"
                    + " cookie with cross-site requests over plain http; keep secure-cookie true.");
        }
        return problems;
    }

    private static List<String> providerProblems(String id, OidcProperties.Provider provider) {
        String prefix = "bulwark.oidc.providers." + id;
        List<String> problems = new ArrayList<>();
        if (!secureOrLoopback(provider.issuer())) {
            problems.add(prefix + ".issuer is '" + provider.issuer() + "': an identity provider must be reached over"
                    + " https (plain http only on localhost).");
        }
        if (isBlank(provider.clientSecret())) {
            problems.add(prefix + ".client-secret is not set: the BFF is a confidential client; set the secret the"
                    + " provider issued for it.");
        }
        if (!provider.scopes().contains("openid")) {
            problems.add(prefix + ".scopes lacks 'openid': sign-in needs an ID token.");
        }
        return problems;
    }

    /** https, or plain http to this machine (a dev IdP, a local front end). */
    static boolean secureOrLoopback(URI uri) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        String host = String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
        return "https".equals(scheme)
                || ("http".equals(scheme)
                        && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")));
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
