package dev.bulwark.auth;

import dev.bulwark.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own sessions (one per sign-in). */
@RestController
@RequestMapping("/api/v1/auth/sessions")
@Tag(name = "Authentication")
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @Operation(summary = "List your active sessions", description = "current marks the session of this access token.")
    @GetMapping
    @PreAuthorize("isAuthenticated()")
    List<SessionService.SessionView> list(@AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.of(token);
        return sessions.list(caller.accountId(), caller.requiredSessionId());
    }

    @Operation(
            summary = "Sign a session out",
            description = "Its refresh token and access tokens stop working at once.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("isAuthenticated()")
    void revoke(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        sessions.revokeOwn(Caller.of(token).accountId(), id);
    }
}
