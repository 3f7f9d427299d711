package dev.bulwark.oidc;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Browser sign-in ({@code bulwark.oidc.*}); docs/oidc.md explains each setting and gives one block per provider.
 *
 * @param baseUrl this service's public origin as browsers reach it; the redirect URI registered at every provider is
 *     {@code <base-url>/auth/web/callback} (set here only: never taken from a request)
 * @param allowedReturnOrigins origins besides {@code base-url} that {@code return_to} may name (a front end on its own
 *     origin); exact origins only, no wildcard
 * @param providers the identity providers by id (the {@code provider} parameter of {@code /auth/web/login}); none
 *     configured means browser sign-in is off
 * @param session the browser session's lifetime and cookie
 * @param providerTimeout the connect and the read timeout of every call to a provider (discovery, token endpoint,
 *     JWKS): a provider that hangs makes a sign-in fail after this long
 */
@Validated
@ConfigurationProperties("bulwark.oidc")
record OidcProperties(
        @Nullable URI baseUrl,
        @DefaultValue List<URI> allowedReturnOrigins,
        @DefaultValue Map<String, @Valid Provider> providers,
        @DefaultValue @Valid Session session,

        @DefaultValue("5s") @DurationMin(millis = 100) @DurationMax(minutes = 1)
        Duration providerTimeout) {

    boolean enabled() {
        return !providers.isEmpty();
    }

    /**
     * One identity provider, found by OIDC discovery from its issuer.
     *
     * @param issuer the issuer URL exactly as the provider's ID tokens name it
     * @param scopes requested scopes; {@code openid} is required
     * @param rolesClaim an ID-token claim holding a list of group or role names, read only with {@code role-mapping}
     * @param roleMapping claim value to local role: the mapped roles follow the provider at every sign-in (added when
     *     asserted, removed when not); other local roles are left as administrators set them
     * @param linkVerifiedEmail whether a first sign-in may link to an existing account with the same email, when the
     *     provider asserts {@code email_verified}; off by default (an IdP that lets users set any email would take over
     *     accounts)
     * @param displayName shown to users, defaults to the id
     */
    record Provider(
            @NotNull URI issuer,
            @NotBlank String clientId,
            @Nullable String clientSecret,
            @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
            @Nullable String rolesClaim,
            @DefaultValue Map<String, String> roleMapping,
            @DefaultValue("false") boolean linkVerifiedEmail,
            @Nullable String displayName) {}

    /**
     * @param idleTimeout a session unused this long ends (Spring Session's max inactive interval)
     * @param absoluteTimeout a session ends this long after sign-in, used or not
     * @param sameSite the cookie's SameSite: {@code Lax} (default) or {@code Strict}; {@code None} needs a front end
     *     on another site and is refused in production unless the cookie is Secure
     * @param secureCookie the cookie's Secure flag and {@code __Host-} name; only local development over plain http on
     *     another host than localhost needs it off
     * @param fingerprint bind the session to the browser's User-Agent: a stolen cookie replayed from another browser
     *     fails, but a browser update signs the user out (off by default; docs/oidc.md)
     */
    record Session(
            @DefaultValue("30m") Duration idleTimeout,
            @DefaultValue("12h") Duration absoluteTimeout,

            @DefaultValue("Lax") @Pattern(regexp = "Lax|Strict|None")
            String sameSite,

            @DefaultValue("true") boolean secureCookie,
            @DefaultValue("false") boolean fingerprint) {

        static final String COOKIE = "__Host-bulwark-session";

        String cookieName() {
            return secureCookie ? COOKIE : "bulwark-session";
        }
    }
}
