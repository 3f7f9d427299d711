package dev.bulwark.oidc;

import dev.bulwark.auth.BrowserSessions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** OpenID Connect Back-Channel Logout: the provider ends the browser sessions of a provider session or a user. */
@RestController
@Tag(name = "Browser sign-in")
class BackChannelLogoutController {

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogoutController.class);

    private final LogoutTokens logoutTokens;
    private final ExternalIdentities identities;
    private final BrowserSessions sessions;

    BackChannelLogoutController(LogoutTokens logoutTokens, ExternalIdentities identities, BrowserSessions sessions) {
        this.logoutTokens = logoutTokens;
        this.identities = identities;
        this.sessions = sessions;
    }

    @Operation(
            summary = "Back-channel logout (called by the identity provider)",
            description = "Ends the browser sessions the logout token names by sid, or else by sub.")
    @ApiResponse(responseCode = "200", description = "The sessions are ended (none found is also 200)")
    @ApiResponse(responseCode = "400", description = "invalid-logout-token")
    @ApiResponse(responseCode = "415", description = "The body is not application/x-www-form-urlencoded")
    @ApiResponse(responseCode = "429", description = "Rate limit backchannel-logout; retry after Retry-After")
    @PostMapping(path = "/auth/web/backchannel-logout", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> logout(@RequestParam("logout_token") @Size(max = 16_384) String logoutToken) {
        LogoutTokens.Verified verified = logoutTokens.verify(logoutToken);
        List<UUID> ended = identities.sessionsOf(verified.issuer(), verified.providerSid(), verified.subject());
        ended.forEach(id -> sessions.end(id, "backchannel-logout"));
        log.atInfo()
                .addKeyValue("event", "oidc.backchannel_logout")
                .addKeyValue("sessions", ended.size())
                .log("Identity provider ended browser sessions");
        return ResponseEntity.ok().build();
    }
}
