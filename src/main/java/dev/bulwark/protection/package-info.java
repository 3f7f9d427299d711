/**
 * Abuse protection: rate limits per route group and client IP, sign-in throttling per account with growing delays,
 * and bounded concurrency for password hashing. State is shared through Redis when it is configured (Bucket4j's
 * Lettuce integration, plain counters), with in-process fallbacks.
 *
 * <p>Public surface: {@link dev.bulwark.protection.LoginThrottle} and {@link dev.bulwark.protection.HashingGate}.
 */
@NullMarked
package dev.bulwark.protection;

import org.jspecify.annotations.NullMarked;
