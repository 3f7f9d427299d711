package dev.bulwark.common;

import java.time.Duration;

/** Failed password checks per key (an account, or an account and client) since the last success, and the delay currently imposed on it. */
interface AttemptStore {

    /** @return how long the key must still wait, zero when it may try now */
    Duration blockedFor(String key);

    /** Counts an attempt and returns the number since the last success. */
    long count(String key, Duration keepFor);

    void block(String key, Duration delay);

    /** Takes back one counted attempt whose password was never checked. */
    void uncount(String key);

    void reset(String key);
}
