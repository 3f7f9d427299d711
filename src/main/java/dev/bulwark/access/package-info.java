/**
 * Access control: roles and the permissions they grant, the role admin API, and the one idiom routes use to declare
 * what they need ({@code @PreAuthorize("@access.all('users:read')")}, {@code any(...)}, {@code role(...)}).
 *
 * <p>Public surface: {@link dev.bulwark.access.RolePermissions} (role to permissions, cached, for the token
 * converter and for validating role names).
 */
@NullMarked
package dev.bulwark.access;

import org.jspecify.annotations.NullMarked;
