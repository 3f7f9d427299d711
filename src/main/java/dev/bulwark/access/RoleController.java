package dev.bulwark.access;

import dev.bulwark.web.Inputs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@Validated
@RequestMapping("/api/v1/admin/roles")
@Tag(name = "Admin: roles")
class RoleController {

    static final String NAME = "[A-Z][A-Z0-9_]{1,63}";

    private final RoleService roles;

    RoleController(RoleService roles) {
        this.roles = roles;
    }

    record CreateRoleRequest(
            @NotNull
            @Pattern(regexp = NAME, message = "must be 2-64 upper-case letters, digits or _, starting with a letter")
            String name,

            @NotBlank
            @Size(max = 200)
            @Pattern(regexp = Inputs.NO_CONTROL_CHARACTERS, message = Inputs.NO_CONTROL_CHARACTERS_MESSAGE)
            String description,

            @NotNull @Size(max = 50) Set<@NotBlank @Size(max = 64) String> permissions) {}

    record PermissionsRequest(
            @NotNull @Size(max = 50) Set<@NotBlank @Size(max = 64) String> permissions,
            @NotNull Long version) {}

    @Operation(summary = "List roles with their permissions")
    @GetMapping
    @PreAuthorize("hasAuthority('roles:read')")
    List<RoleService.RoleView> list() {
        return roles.list();
    }

    @Operation(summary = "Create a custom role")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new role")
    @ApiResponse(responseCode = "409", description = "role-exists")
    @PostMapping
    @PreAuthorize("hasAuthority('roles:write')")
    ResponseEntity<RoleService.RoleView> create(@Valid @RequestBody CreateRoleRequest request) {
        RoleService.RoleView role =
                roles.create(request.name(), request.description().strip(), request.permissions());
        URI location = UriComponentsBuilder.fromPath("/api/v1/admin/roles/{name}")
                .buildAndExpand(role.name())
                .encode()
                .toUri();
        return ResponseEntity.created(location).body(role);
    }

    @Operation(
            summary = "Replace the permissions a role grants",
            description = "version must be the role's current version (optimistic locking).")
    @ApiResponse(responseCode = "200", description = "The role with its new permissions")
    @ApiResponse(responseCode = "409", description = "conflict (stale version) or role-protected")
    @PutMapping("/{name}/permissions")
    @PreAuthorize("hasAuthority('roles:write')")
    RoleService.RoleView grant(
            @PathVariable @Pattern(regexp = NAME) String name, @Valid @RequestBody PermissionsRequest request) {
        return roles.grantExactly(name, request.permissions(), request.version());
    }

    @Operation(summary = "Delete a custom role", description = "Refused with 409 while any account has it.")
    @ApiResponse(responseCode = "409", description = "role-in-use or role-protected")
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('roles:write')")
    void delete(@PathVariable @Pattern(regexp = NAME) String name) {
        roles.delete(name);
    }
}
