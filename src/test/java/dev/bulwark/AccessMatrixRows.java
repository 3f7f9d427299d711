package dev.bulwark;

import java.util.List;

/**
 * Rows a capability adds to the access matrix ({@code access.AccessMatrixTests}) from a class of its own test folder:
 * the matrix test finds every implementation under {@code dev.bulwark} on the test class path, so a new capability
 * brings its rows with it (and removing it takes them away) without an edit to a shared file. A route without a row
 * still fails the matrix test.
 *
 * <p>In a row's path, {@code {id}} becomes an existing account's id (any id the capability does not know gives 404,
 * which counts as reaching the route); in its body, {@code {unique}} becomes a value no other call uses. The body of a
 * write must be valid, or validation would answer 400 before the permission check answers 403.
 */
public interface AccessMatrixRows {

    enum Outcome {
        ALLOWED, // reaches the handler (any answer but 401 unauthenticated / 403 forbidden)
        UNAUTHENTICATED, // 401
        FORBIDDEN // 403
    }

    Outcome A = Outcome.ALLOWED;
    Outcome U = Outcome.UNAUTHENTICATED;
    Outcome F = Outcome.FORBIDDEN;

    /** What a route answers each caller: anonymous, USER, ADMIN, and a custom role holding only audit:read. */
    record Row(
            String method, String path, String body, Outcome anonymous, Outcome user, Outcome admin, Outcome auditor) {}

    List<Row> rows();
}
