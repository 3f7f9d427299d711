package dev.bulwark.protection;

/** Where the rate-limit buckets live: Redis, shared by every instance, or this instance's memory. */
interface BucketStore {

    /** Takes one token from the bucket named {@code key}; {@code now} in microseconds since the epoch. */
    BucketRule.Take take(String key, BucketRule rule, long now);
}
