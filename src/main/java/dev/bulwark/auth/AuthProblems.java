package dev.bulwark.auth;

import dev.bulwark.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** The problems sign-in answers with. One type per outcome a client must handle differently. */
final class AuthProblems {

    private AuthProblems() {}

    /** Unknown email, wrong password and disabled account all look exactly like this. */
    static final class InvalidCredentials extends ApiProblem {
        InvalidCredentials() {
            super(
                    HttpStatus.UNAUTHORIZED,
                    "invalid-credentials",
                    "Invalid credentials",
                    "The email or password is wrong.");
        }
    }

    /** Missing, unknown, expired, revoked or reused refresh tokens all look exactly like this: sign in again. */
    static final class InvalidRefreshToken extends ApiProblem {
        InvalidRefreshToken() {
            super(
                    HttpStatus.UNAUTHORIZED,
                    "invalid-refresh-token",
                    "Invalid refresh token",
                    "The refresh token is not valid. Sign in again.");
        }
    }

    static final class SessionNotFound extends ApiProblem {
        SessionNotFound() {
            super(HttpStatus.NOT_FOUND, "not-found", "Not found", "You have no such session.");
        }
    }
}
