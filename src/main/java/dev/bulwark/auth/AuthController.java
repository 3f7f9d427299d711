package dev.bulwark.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bulwark.web.Caller;
import dev.bulwark.web.ClientAddresses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in, token refresh and sign-out. Browsers ask for the refresh token in a cookie ({@code "tokenDelivery":
 * "cookie"}: HttpOnly, Secure, SameSite=Strict, sent only to the refresh route, which accepts it only from a JSON
 * request that is not cross-site, see {@link CookieRefreshCheck}); API clients get it in the body.
 */
@RestController
@Tag(name = "Authentication")
class AuthController {

    static final String LOGIN = "/api/v1/auth/login";
    static final String REFRESH = "/api/v1/auth/refresh";
    static final String LOGOUT = "/api/v1/auth/logout";
    static final String COOKIE = RefreshCookie.NAME;

    private final SignIn signIn;
    private final SessionService sessions;
    private final ClientAddresses clients;
    private final CookieRefreshCheck cookieCheck;
    private final Clock clock;

    AuthController(
            SignIn signIn,
            SessionService sessions,
            ClientAddresses clients,
            CookieRefreshCheck cookieCheck,
            Clock clock) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.clients = clients;
        this.cookieCheck = cookieCheck;
        this.clock = clock;
    }

    enum TokenDelivery {
        @JsonProperty("body")
        BODY,
        @JsonProperty("cookie")
        COOKIE
    }

    record LoginRequest(
            @Schema(example = "ada@example.com") @NotBlank @Email @Size(max = 254)
            String email,

            @Schema(example = "correct horse battery staple") @NotNull @Size(max = 1024)
            String password,

            @Schema(example = "Ada's laptop", description = "Shown in the session list; defaults to the User-Agent")
            @Size(max = 200)
            @Nullable
            String deviceLabel,

            @Schema(description = "body (default) for API clients; cookie for browsers") @Nullable
            TokenDelivery tokenDelivery) {}

    record RefreshRequest(
            @Schema(example = "Jk3q9vA4mR0xY2c7TfL1bN8sW5eH6uZpQdKgVjXoCiE", description = "Omit to use the cookie")
            @Size(max = 100)
            @Nullable
            String refreshToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenResponse(
            String accessToken,
            String tokenType,
            long expiresIn,
            @Nullable String refreshToken,
            @Nullable Instant refreshTokenExpiresAt) {}

    @Operation(
            summary = "Sign in",
            description = "Unknown email, wrong password and disabled account get the same 401 invalid-credentials,"
                    + " in the same time. Set tokenDelivery to \"cookie\" in browsers.")
    @ApiResponse(responseCode = "200", description = "Signed in")
    @ApiResponse(
            responseCode = "401",
            description = "invalid-credentials: unknown email, wrong password or disabled account")
    @ApiResponse(
            responseCode = "429",
            description = "too-many-requests: too many failed sign-ins for this account from this address (or, after"
                    + " many more, from everywhere), or too many requests from this address")
    @ApiResponse(responseCode = "503", description = "busy: too many sign-ins being processed; retry after Retry-After")
    @PostMapping(LOGIN)
    TokenResponse login(
            @Valid @RequestBody LoginRequest request,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) @Nullable String userAgent,
            HttpServletRequest http,
            HttpServletResponse response) {
        String device = DeviceLabels.of(request.deviceLabel() != null ? request.deviceLabel() : userAgent);
        SessionService.Tokens tokens =
                signIn.signIn(request.email(), request.password(), device, clients.clientKey(http));
        return respond(tokens, request.tokenDelivery() == TokenDelivery.COOKIE, response);
    }

    @Operation(
            summary = "Exchange a refresh token for new tokens",
            description = "Send the refresh token in the body, or send the bulwark_refresh cookie with an empty JSON"
                    + " object (Content-Type: application/json, from this service's origin or an allowed one). Every refresh token works once; presenting a used one signs the whole session out."
                    + " Within bulwark.auth.refresh-reuse-grace (10 s) a token presented again (two tabs, a lost"
                    + " response) gets new tokens too.")
    @ApiResponse(responseCode = "200", description = "New tokens; the presented refresh token is now used up")
    @ApiResponse(
            responseCode = "401",
            description = "invalid-refresh-token: missing, unknown, expired, revoked or reused")
    @ApiResponse(
            responseCode = "403",
            description =
                    "cross-site-refresh: a cookie refresh without JSON, cross-site, or from an origin not allowed")
    @PostMapping(REFRESH)
    TokenResponse refresh(
            @Valid @RequestBody(required = false) @Nullable RefreshRequest request,
            @CookieValue(name = COOKIE, required = false) @Nullable String cookie,
            HttpServletRequest http,
            HttpServletResponse response) {
        String fromBody = request == null ? null : request.refreshToken();
        String presented = fromBody != null ? fromBody : cookie;
        if (presented == null) {
            throw new AuthProblems.InvalidRefreshToken();
        }
        if (fromBody == null) {
            cookieCheck.check(http); // only the cookie rides along on a forged request; a body token cannot
        }
        return respond(sessions.refresh(presented), fromBody == null, response);
    }

    @Operation(summary = "Sign out", description = "Ends this session and revokes the access token used for the call.")
    @PostMapping(LOGOUT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("isAuthenticated()")
    void logout(@AuthenticationPrincipal Jwt token, HttpServletResponse response) {
        Caller caller = Caller.of(token);
        sessions.logout(caller.accountId(), caller.requiredSessionId(), token.getId(), token.getExpiresAt());
        RefreshCookie.write(response, "", Duration.ZERO);
    }

    private TokenResponse respond(SessionService.Tokens tokens, boolean inCookie, HttpServletResponse response) {
        if (inCookie) {
            RefreshCookie.write(
                    response, tokens.refreshToken(), Duration.between(clock.instant(), tokens.refreshExpiresAt()));
        }
        return new TokenResponse(
                tokens.access().value(),
                "Bearer",
                tokens.access().ttl().toSeconds(),
                inCookie ? null : tokens.refreshToken(),
                inCookie ? null : tokens.refreshExpiresAt());
    }
}
