package dev.bulwark.account;

import java.util.UUID;

/** The account was disabled: all its sessions and tokens must stop working. */
public record AccountDisabled(UUID accountId) {}
