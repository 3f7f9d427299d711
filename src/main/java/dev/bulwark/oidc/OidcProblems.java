package dev.bulwark.oidc;

import dev.bulwark.web.ApiProblem;
import dev.bulwark.web.DependencyUnavailable;
import org.springframework.http.HttpStatus;

/** The problems browser sign-in answers with (catalogue: docs/problems.md). */
final class OidcProblems {

    private OidcProblems() {}

    /** Also the answer while browser sign-in is off: no provider is configured. */
    static final class UnknownProvider extends ApiProblem {
        UnknownProvider() {
            super(
                    HttpStatus.NOT_FOUND,
                    "unknown-provider",
                    "Unknown identity provider",
                    "No identity provider with this id is configured for browser sign-in.");
        }
    }

    static final class InvalidReturnTo extends ApiProblem {
        InvalidReturnTo() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "invalid-return-to",
                    "Invalid return_to",
                    "return_to must be a path on this service (starting with a single /) or a URL on an allowed"
                            + " origin.");
        }
    }

    /**
     * Every refused callback looks like this: missing, wrong or replayed state, a code the provider refused, an ID
     * token with a wrong nonce, issuer, audience, signature or algorithm. The log says which; the browser starts over.
     */
    static final class SignInFailed extends ApiProblem {
        SignInFailed() {
            super(
                    HttpStatus.UNAUTHORIZED,
                    "sign-in-failed",
                    "Sign-in failed",
                    "Signing in through the identity provider did not complete. Start again from the sign-in page.");
        }
    }

    static final class EmailRequired extends ApiProblem {
        EmailRequired() {
            super(
                    HttpStatus.FORBIDDEN,
                    "email-required",
                    "Email address required",
                    "The identity provider did not share a valid email address, which an account needs. Allow the"
                            + " email scope at the provider.");
        }
    }

    /** The email belongs to an account this identity is not linked to, and linking by email is not allowed. */
    static final class AccountExists extends ApiProblem {
        AccountExists() {
            super(
                    HttpStatus.CONFLICT,
                    "account-exists",
                    "Account exists",
                    "An account with this email exists and is not linked to this identity provider. Sign in the way"
                            + " you usually do, or ask an administrator.");
        }
    }

    static final class NotABrowserSession extends ApiProblem {
        NotABrowserSession() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "not-a-browser-session",
                    "Not a browser session",
                    "This route acts on a browser session (the session cookie); API clients use /api/v1/auth/*.");
        }
    }

    static final class InvalidLogoutToken extends ApiProblem {
        InvalidLogoutToken() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "invalid-logout-token",
                    "Invalid logout token",
                    "The logout token is missing, malformed, not signed by a configured provider, or not a"
                            + " back-channel logout token.");
        }
    }

    /** Discovery or the token endpoint could not be reached. */
    static final class ProviderUnavailable extends DependencyUnavailable {
        ProviderUnavailable(Throwable cause) {
            super("identity provider", cause);
        }
    }
}
