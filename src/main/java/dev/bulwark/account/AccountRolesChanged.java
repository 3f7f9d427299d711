package dev.bulwark.account;

import java.util.UUID;

/** An administrator changed the account's roles: its sessions must end, so new tokens carry the new roles. */
public record AccountRolesChanged(UUID accountId) {}
