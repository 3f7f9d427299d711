package dev.bulwark.protection;

import java.time.Duration;

/** Consecutive sign-in failures per account key, and the delay currently imposed on it. */
interface AttemptStore {

    /** @return how long the key must still wait, zero when it may try now */
    Duration blockedFor(String key);

    /** Counts a failure and returns the new number of consecutive failures. */
    long failed(String key, Duration keepFor);

    void block(String key, Duration delay);

    void reset(String key);
}
