package dev.bulwark.account;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The password of an account changed: every session but {@code sessionToKeep} (the one that made the change, if
 * any) must stop working.
 */
public record AccountPasswordChanged(
        UUID accountId, @Nullable UUID sessionToKeep) {}
