package dev.bulwark.account;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * One Argon2id hash at our parameters, two at a time as the hashing pool runs them on 2 cores, in the heap the image
 * gives the service (a fifth of a 768 MiB container, G1): Spring Security's encoder, which allocates each hash's
 * 19 MiB of blocks, against {@link PooledArgon2}, which reuses them. Run: {@code ./bulwark bench jmh
 * PasswordHashBenchmarks}; add JMH's {@code -prof gc} (the command in docs/performance.md) for the allocation and
 * the collections per hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(2)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-XX:MaxRAM=768m",
            "-XX:MaxRAMPercentage=20",
            "-XX:TrimNativeHeapInterval=30000",
            "-XX:+UseG1GC",
            "-XX:+UseCompactObjectHeaders",
            "-XX:-G1UseAdaptiveIHOP",
            "-XX:InitiatingHeapOccupancyPercent=70"
        })
public class PasswordHashBenchmarks {

    private final Argon2PasswordEncoder allocating = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
    private final PooledArgon2 pooled = new PooledArgon2(19456, 2, 1, 2);

    @Benchmark
    public String springSecurityEncoder() {
        return allocating.encode("correct horse battery staple");
    }

    @Benchmark
    public String pooledBlocks() {
        return pooled.encode("correct horse battery staple");
    }
}
