package dev.bulwark.account;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.AbstractValidatingPasswordEncoder;

/**
 * Argon2id as Spring Security's {@link Argon2PasswordEncoder} makes it: the same Bouncy Castle generator and the same
 * encoded form ({@link EncodedArgon2}), so each reads the other's hashes. The one difference: the memory blocks of a
 * finished hash are zeroed (by the generator) and kept for the next one, where Spring's encoder allocates every hash's
 * 19 MiB afresh.
 *
 * <p>Why: that allocation is nearly all a sign-in allocates. Two threads hashing in the image's heap allocated
 * 20.7 MB per hash and made 650 collections in 15 s (2.9 s of pauses) with Spring's encoder, against 95 KB and 2
 * collections with the blocks kept; the soak of {@code ./bulwark bench faults} ran at 0.79x the CPU with half the p99
 * (docs/performance.md, lever T). The pool keeps at most one hash's blocks per thread that may hash at once; a hash
 * with larger parameters than the current ones (an older hash being checked) allocates what the pool lacks and leaves
 * it to the collector.
 */
final class PooledArgon2 extends AbstractValidatingPasswordEncoder {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final Argon2BytesGenerator.BlockPool blocks;

    PooledArgon2(int memoryKib, int iterations, int parallelism, int concurrentHashes) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.blocks = new Argon2BytesGenerator.FixedBlockPool(
                concurrentHashes * Argon2BytesGenerator.getBlockCount(memoryKib, parallelism));
    }

    @Override
    protected String encodeNonNullPassword(String password) {
        Argon2Parameters parameters = currentParameters();
        return new EncodedArgon2(parameters, generate(parameters, password, HASH_BYTES)).text();
    }

    /**
     * A hash in the current settings whose hash part is random bytes, made without hashing: checking a password
     * against it costs one full verification and never succeeds (a chance of 2^-256). The sign-in of an unknown
     * account checks against it, so that it takes the time of a known one; computing a real hash of a random password
     * at start-up cost 0.3 s of the start for nothing it would add.
     */
    String unmatchable() {
        byte[] hash = new byte[HASH_BYTES];
        random.nextBytes(hash);
        return new EncodedArgon2(currentParameters(), hash).text();
    }

    private Argon2Parameters currentParameters() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withBlockPool(blocks)
                .build();
    }

    /** False for a hash it cannot read, as Spring's encoder answers. */
    @Override
    protected boolean matchesNonNull(String password, String encoded) {
        EncodedArgon2 stored;
        try {
            stored = EncodedArgon2.parse(encoded, blocks);
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
        // constant-time: the comparison must not tell how much of a guess was right
        return MessageDigest.isEqual(stored.hash(), generate(stored.parameters(), password, stored.hash().length));
    }

    /** A hash made with less memory or fewer passes than the current settings; throws for an unreadable one. */
    @Override
    protected boolean upgradeEncodingNonNull(String encoded) {
        Argon2Parameters stored = EncodedArgon2.parse(encoded, blocks).parameters();
        return stored.getMemory() < memoryKib || stored.getIterations() < iterations;
    }

    private static byte[] generate(Argon2Parameters parameters, String password, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] hash = new byte[length];
        generator.generateBytes(password.toCharArray(), hash);
        return hash;
    }
}
