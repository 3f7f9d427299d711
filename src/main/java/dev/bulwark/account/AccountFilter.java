package dev.bulwark.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Which accounts an administrator's list shows; every field null means all live accounts. */
public record AccountFilter(
        @Nullable String emailPrefix,
        @Nullable String role,
        @Nullable Boolean enabled,
        @Nullable Instant createdFrom,
        @Nullable Instant createdTo) {}
