/**
 * Access control: roles and the permissions they grant, the role admin API ({@code /api/v1/admin/roles}), and user
 * administration ({@code /api/v1/admin/users}: the rules about who may change which account, over the account
 * module's {@code ManagedAccounts}). Routes declare what they need with
 * {@code @PreAuthorize("hasAuthority('users:read')")}; the permissions of a token's roles become its authorities.
 *
 * <p>Public surface: {@link dev.bulwark.access.RolePermissions} (role to permissions, from a refreshing snapshot, for
 * the token converter). Every change to roles or to accounts' roles runs under one advisory lock.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"account", "audit", "common", "web"})
package dev.bulwark.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
