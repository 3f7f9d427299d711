package dev.bulwark.oidc;

import dev.bulwark.account.AccountView;
import dev.bulwark.account.Accounts;
import dev.bulwark.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Browser sign-in through an identity provider: the backend-for-frontend routes (docs/oidc.md). */
@RestController
@RequestMapping("/auth/web")
@Tag(name = "Browser sign-in")
class BrowserSignInController {

    /** The caller; {@code csrfToken} and {@code expiresAt} only for a browser session (null for a bearer token). */
    record WebMe(
            User user, @Nullable String csrfToken, @Nullable Instant expiresAt) {

        record User(UUID id, String email, String displayName, List<String> roles, List<String> permissions) {}
    }

    private final WebSignIn signIn;
    private final WebSessions sessions;
    private final Accounts accounts;

    BrowserSignInController(WebSignIn signIn, WebSessions sessions, Accounts accounts) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Operation(
            summary = "Start browser sign-in",
            description = "Redirects to the provider's sign-in page (authorization code flow with PKCE, state and"
                    + " nonce, kept in a new server-side session).")
    @ApiResponse(responseCode = "302", description = "To the identity provider")
    @ApiResponse(responseCode = "400", description = "invalid-return-to: return_to names another origin")
    @ApiResponse(responseCode = "404", description = "unknown-provider: no such provider (or none configured)")
    @ApiResponse(responseCode = "429", description = "Rate limit browser-sign-in; retry after Retry-After")
    @ApiResponse(responseCode = "503", description = "The provider's discovery document cannot be read")
    @GetMapping("/login")
    ResponseEntity<Void> login(
            @Parameter(description = "A configured provider id") @RequestParam @Size(max = 64) String provider,
            @Parameter(description = "A path on this service or a URL on an allowed origin; default /")
                    @RequestParam(name = "return_to", required = false)
                    @Nullable
                    String returnTo,
            HttpServletRequest request,
            HttpServletResponse response) {
        return redirect(signIn.start(request, response, provider, returnTo));
    }

    @Operation(
            summary = "Finish browser sign-in",
            description = "The provider redirects here. Checks state, iss, the code (with the PKCE verifier) and the ID"
                    + " token, then starts the session (new id, __Host- cookie) and redirects to return_to.")
    @ApiResponse(responseCode = "302", description = "Signed in: to return_to")
    @ApiResponse(
            responseCode = "400",
            description = "sign-in-failed: state, code, PKCE, iss or ID token refused; no session was created")
    @ApiResponse(responseCode = "403", description = "email-required: the provider shared no usable email")
    @ApiResponse(
            responseCode = "409",
            description = "account-exists: the email belongs to an account this identity is not linked to")
    @ApiResponse(responseCode = "429", description = "Rate limit browser-sign-in; retry after Retry-After")
    @ApiResponse(responseCode = "503", description = "The provider's token endpoint cannot be reached")
    @GetMapping("/callback")
    ResponseEntity<Void> callback(HttpServletRequest request, HttpServletResponse response) {
        return redirect(signIn.complete(request, response));
    }

    @Operation(
            summary = "The signed-in user, with the CSRF token",
            description = "State-changing requests made with the session cookie send csrfToken in X-CSRF-Token.")
    @GetMapping("/me")
    @PreAuthorize("isAuthenticated()")
    WebMe me(JwtAuthenticationToken caller, HttpServletRequest request, HttpServletResponse response) {
        return describe(caller, sessions.current(request, response, false));
    }

    @Operation(
            summary = "Rotate the browser session",
            description = "New session id and CSRF token; the session's lifetime is unchanged.")
    @ApiResponse(responseCode = "200", description = "Rotated: a new session cookie and CSRF token")
    @ApiResponse(responseCode = "400", description = "not-a-browser-session: called with a bearer token")
    @ApiResponse(
            responseCode = "403",
            description = "csrf-failed: X-CSRF-Token missing or wrong, or Origin not allowed")
    @PostMapping("/refresh")
    @PreAuthorize("isAuthenticated()")
    WebMe refresh(JwtAuthenticationToken caller, HttpServletRequest request, HttpServletResponse response) {
        WebSessions.Current current = sessions.current(request, response, true);
        if (current.csrfToken() == null) {
            throw new OidcProblems.NotABrowserSession();
        }
        return describe(caller, current);
    }

    @Operation(
            summary = "Sign the browser out",
            description = "Ends the session here at once; logoutUrl, when present, ends the provider's session too.")
    @ApiResponse(responseCode = "200", description = "Signed out here; logoutUrl ends the provider's session too")
    @ApiResponse(responseCode = "400", description = "not-a-browser-session: called with a bearer token")
    @ApiResponse(
            responseCode = "403",
            description = "csrf-failed: X-CSRF-Token missing or wrong, or Origin not allowed")
    @PostMapping("/logout")
    @PreAuthorize("isAuthenticated()")
    WebSessions.SignedOut logout(HttpServletRequest request) {
        return sessions.signOut(request).orElseThrow(OidcProblems.NotABrowserSession::new);
    }

    private WebMe describe(JwtAuthenticationToken caller, WebSessions.Current current) {
        AccountView account =
                accounts.find(Caller.of(caller.getToken()).accountId()).orElseThrow(OidcProblems.SignInFailed::new);
        List<String> permissions = caller.getAuthorities().stream()
                .map(authority -> String.valueOf(authority.getAuthority()))
                .filter(name ->
                        !name.startsWith("ROLE_") && !name.startsWith("FACTOR_")) // roles are listed; factors say how
                .sorted()
                .toList();
        return new WebMe(
                new WebMe.User(
                        account.id(),
                        account.email(),
                        account.displayName(),
                        account.roles().stream().sorted().toList(),
                        permissions),
                current.csrfToken(),
                current.expiresAt());
    }

    private static ResponseEntity<Void> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(location))
                .build();
    }
}
