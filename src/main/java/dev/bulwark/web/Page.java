package dev.bulwark.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paginated list: {@code next} is the opaque cursor for the following page, or null at the end.
 */
public record Page<T>(List<T> items, @Nullable String next) {}
