package dev.bulwark.account;

import dev.bulwark.common.GuessThrottle;
import dev.bulwark.web.Caller;
import dev.bulwark.web.ClientAddresses;
import dev.bulwark.web.Inputs;
import dev.bulwark.web.TooManyRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account. The caller is the access token's subject; {@code sid} names its session. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me")
class MeController {

    private final AccountViews views;
    private final AccountService service;
    private final GuessThrottle throttle;
    private final ClientAddresses clients;

    MeController(AccountViews views, AccountService service, GuessThrottle throttle, ClientAddresses clients) {
        this.views = views;
        this.service = service;
        this.throttle = throttle;
        this.clients = clients;
    }

    record Me(UUID id, String email, String displayName, List<String> roles, Instant createdAt) {
        static Me of(AccountView view) {
            return new Me(
                    view.id(),
                    view.email(),
                    view.displayName(),
                    view.roles().stream().sorted().toList(),
                    view.createdAt());
        }
    }

    record UpdateMeRequest(
            @NotBlank
            @Size(max = 100)
            @Pattern(regexp = Inputs.NO_CONTROL_CHARACTERS, message = Inputs.NO_CONTROL_CHARACTERS_MESSAGE)
            String displayName) {}

    record ChangePasswordRequest(
            @NotNull @Size(max = 1024) String currentPassword,
            @NotNull @Size(max = 1024) String newPassword) {}

    @Operation(summary = "The signed-in account")
    @GetMapping
    @PreAuthorize("isAuthenticated()")
    Me me(@AuthenticationPrincipal Jwt token) {
        return views.find(accountId(token)).map(Me::of).orElseThrow(AccountNotFound::new);
    }

    @Operation(
            summary = "Change the display name",
            description = "Only displayName may be sent; any other field is rejected.")
    @PatchMapping
    @PreAuthorize("isAuthenticated()")
    Me update(@AuthenticationPrincipal Jwt token, @Valid @RequestBody UpdateMeRequest request) {
        return Me.of(service.rename(accountId(token), request.displayName()));
    }

    @Operation(
            summary = "Change the password",
            description = "Every other session is signed out; the session making the change stays signed in. Wrong"
                    + " current passwords are throttled like sign-ins: 429 with Retry-After after the free failures.")
    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("isAuthenticated()")
    void changePassword(
            @AuthenticationPrincipal Jwt token,
            @Valid @RequestBody ChangePasswordRequest request,
            HttpServletRequest http) {
        Caller caller = Caller.of(token);
        // a stolen access token must not allow unthrottled guessing of the current password: the sign-in throttle
        GuessThrottle.Attempt attempt =
                new GuessThrottle.Attempt("password", caller.accountId().toString(), clients.clientKey(http));
        Duration wait = throttle.count(attempt);
        if (!wait.isZero()) {
            throw new TooManyRequests("Too many wrong current passwords; wait before trying again.", wait);
        }
        try {
            service.changePassword(
                    caller.accountId(), request.currentPassword(), request.newPassword(), caller.sessionId());
        } catch (CurrentPasswordMismatch wrongGuess) {
            throw wrongGuess; // stays counted
        } catch (RuntimeException notAGuess) { // busy, weak new password: the current one was never wrong
            throttle.refund(attempt);
            throw notAGuess;
        }
        throttle.succeeded(attempt);
    }

    private static UUID accountId(Jwt token) {
        return Caller.of(token).accountId();
    }
}
