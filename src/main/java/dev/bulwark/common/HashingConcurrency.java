package dev.bulwark.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How many hashes {@link HashingPool} runs at once: its sizing rule, apart from the pool that runs them. */
final class HashingConcurrency {

    private static final Logger log = LoggerFactory.getLogger(HashingPool.class); // the pool's log category
    private static final int HEAP_SHARE_DIVISOR = 4; // hashes running at once hold at most a quarter of the heap
    private static final long MIB = 1024 * 1024;

    private HashingConcurrency() {}

    /**
     * How many hashes run at once. Left to the pool (0), one per core, but no more than a quarter of the heap holds:
     * a container with many cores and a small heap would otherwise run out of heap under a burst of sign-ins (each
     * hash holds 19 MiB, and the 768 MiB container's heap is 153 MiB). A configured number is kept, with a warning
     * when its hashes can hold more than half the heap.
     */
    static int of(int configured, long bytesPerHash, int cores, long maxHeap) {
        if (configured > 0) {
            if (bytesPerHash > 0 && configured * bytesPerHash > maxHeap / 2) {
                log.warn(
                        "bulwark.hashing.concurrency={} lets {} password hashes of {} MiB each hold {} MiB, more than"
                                + " half the {} MiB heap: a burst of sign-ins can exhaust it. Lower it, or leave it at"
                                + " 0 to size it from the heap, or give the JVM more memory.",
                        configured,
                        configured,
                        bytesPerHash / MIB,
                        configured * bytesPerHash / MIB,
                        maxHeap / MIB);
            }
            return configured;
        }
        if (bytesPerHash <= 0) {
            return cores;
        }
        int fits = (int) Math.max(1, Math.min(cores, maxHeap / HEAP_SHARE_DIVISOR / bytesPerHash));
        if (fits < cores) {
            log.info(
                    "Password hashing runs {} at once, not one per core ({}): a quarter of the {} MiB heap holds {} of"
                            + " {} MiB each",
                    fits,
                    cores,
                    maxHeap / MIB,
                    fits,
                    bytesPerHash / MIB);
        }
        return fits;
    }
}
