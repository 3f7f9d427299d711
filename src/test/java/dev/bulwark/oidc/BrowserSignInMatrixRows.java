package dev.bulwark.oidc;

import dev.bulwark.AccessMatrixRows;
import java.util.List;

/**
 * The browser sign-in routes in the access matrix. The shared test context has no provider configured, so the public
 * routes answer 400/404 problems there; the session routes take bearer tokens too (refresh and logout then answer 400
 * not-a-browser-session).
 */
public class BrowserSignInMatrixRows implements AccessMatrixRows {

    @Override
    public List<Row> rows() {
        return List.of(
                new Row("GET", "/auth/web/login", "", A, A, A, A),
                new Row("GET", "/auth/web/callback", "", A, A, A, A),
                new Row("POST", "/auth/web/backchannel-logout", "", A, A, A, A),
                new Row("GET", "/auth/web/me", "", U, A, A, A),
                new Row("POST", "/auth/web/refresh", "", U, A, A, A),
                new Row("POST", "/auth/web/logout", "", U, A, A, A));
    }
}
