package dev.bulwark.access;

import dev.bulwark.account.AccountFilter;
import dev.bulwark.account.EmailAddress;
import dev.bulwark.account.ManagedAccount;
import dev.bulwark.account.ManagedAccounts;
import dev.bulwark.audit.AuditableEvent;
import dev.bulwark.web.Caller;
import dev.bulwark.web.Inputs;
import dev.bulwark.web.Page;
import dev.bulwark.web.Timestamps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/** User administration. Deleted accounts are anonymised and disappear from these routes (see docs/security.md). */
@RestController
@Validated
@RequestMapping("/api/v1/admin/users")
@Tag(name = "Admin: users")
class AdminUserController {

    private static final String ROLE = RoleController.NAME;

    private final ManagedAccounts accounts;
    private final ApplicationEventPublisher events;
    private final UserAdministration administration;

    AdminUserController(ManagedAccounts accounts, UserAdministration administration, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.events = events;
        this.administration = administration;
    }

    record CreateUserRequest(
            @NotBlank @Email @Size(max = EmailAddress.MAX_LENGTH)
            String email,

            @NotNull @Size(max = 1024) String password,

            @NotBlank
            @Size(max = 100)
            @Pattern(regexp = Inputs.NO_CONTROL_CHARACTERS, message = Inputs.NO_CONTROL_CHARACTERS_MESSAGE)
            String displayName,

            @Size(max = 20) @Nullable Set<@Pattern(regexp = ROLE, message = "is not a role name") String> roles) {

        /** Normalised before validation, so length and syntax are checked on what is stored. */
        CreateUserRequest {
            email = EmailAddress.normalizeOrNull(email);
        }
    }

    record UpdateUserRequest(
            @Size(min = 1, max = 100)
            @Pattern(regexp = Inputs.NO_CONTROL_CHARACTERS, message = Inputs.NO_CONTROL_CHARACTERS_MESSAGE)
            @Nullable
            String displayName,

            @Size(max = 20) @Nullable Set<@Pattern(regexp = ROLE, message = "is not a role name") String> roles,
            @Nullable Boolean enabled,
            @NotNull Long version) {}

    record ResetPasswordRequest(@NotNull @Size(max = 1024) String newPassword) {}

    @Operation(summary = "List users", description = "Keyset pagination: pass the previous page's next as after.")
    @GetMapping
    @PreAuthorize("hasAuthority('users:read')")
    Page<ManagedAccount> list(
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 1000) @Nullable String after,
            @RequestParam(required = false) @Size(max = 254) @Nullable String emailPrefix,
            @RequestParam(required = false) @Pattern(regexp = ROLE) @Nullable String role,
            @RequestParam(required = false) @Pattern(regexp = "enabled|disabled") @Nullable String status,
            @RequestParam(required = false) @Nullable Instant createdFrom,
            @RequestParam(required = false) @Nullable Instant createdTo) {
        Boolean enabled = status == null ? null : status.equals("enabled");
        var filter = new AccountFilter(
                emailPrefix,
                role,
                enabled,
                Timestamps.inRange(createdFrom, "createdFrom"),
                Timestamps.inRange(createdTo, "createdTo"));
        return accounts.page(filter, limit, after);
    }

    @Operation(summary = "Export every user as NDJSON", description = "Streamed, one JSON object per line.")
    @GetMapping(path = "/export", produces = "application/x-ndjson")
    @PreAuthorize("hasAuthority('users:read')")
    ResponseEntity<StreamingResponseBody> export() {
        // Recorded before the first byte: an export that fails half-way still handed out personal data.
        events.publishEvent(AuditableEvent.of("users.exported", null, null));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(accounts::export);
    }

    @Operation(summary = "Get a user")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('users:read')")
    ManagedAccount get(@PathVariable UUID id) {
        return accounts.get(id);
    }

    @Operation(summary = "Create a user", description = "The account always has USER; roles adds others.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new user")
    @ApiResponse(responseCode = "409", description = "email-taken")
    @PostMapping
    @PreAuthorize("hasAuthority('users:write')")
    ResponseEntity<ManagedAccount> create(@Valid @RequestBody CreateUserRequest request) {
        ManagedAccount user = administration.create(
                request.email(),
                request.password(),
                request.displayName(),
                request.roles() == null ? Set.of() : request.roles());
        URI location = UriComponentsBuilder.fromPath("/api/v1/admin/users/{id}")
                .buildAndExpand(user.id())
                .toUri();
        return ResponseEntity.created(location).body(user);
    }

    @Operation(
            summary = "Change a user's name, roles or enabled flag",
            description = "version must be the user's current version. Changing roles or disabling signs the user out"
                    + " everywhere. The last enabled admin cannot be demoted or disabled (409).")
    @ApiResponse(responseCode = "200", description = "The user as changed")
    @ApiResponse(responseCode = "409", description = "conflict (stale version or concurrent update) or last-admin")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('users:write')")
    ManagedAccount update(@PathVariable UUID id, @Valid @RequestBody UpdateUserRequest request) {
        return administration.update(
                id,
                new ManagedAccounts.Changes(request.displayName(), request.roles(), request.enabled()),
                request.version());
    }

    @Operation(summary = "Set a new password for a user", description = "Every session of the user ends.")
    @PostMapping("/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('users:write')")
    void resetPassword(@PathVariable UUID id, @Valid @RequestBody ResetPasswordRequest request) {
        administration.resetPassword(id, request.newPassword());
    }

    @Operation(summary = "Delete a user", description = "Soft delete: personal data is overwritten; sessions end.")
    @ApiResponse(responseCode = "409", description = "cannot-delete-self or last-admin")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('users:write')")
    void delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        administration.delete(Caller.of(caller).accountId(), id);
    }
}
