package dev.bulwark.account;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.AbstractValidatingPasswordEncoder;

/**
 * Argon2 hashes in the encoded form of Spring Security's {@link Argon2PasswordEncoder}
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, Base64 without padding), so each reads the other's hashes,
 * computed by the same Bouncy Castle generator. The one difference: the memory blocks of a finished hash are cleared
 * and kept for the next one, where Spring's encoder allocates every hash's 19 MiB afresh.
 *
 * <p>Why: that allocation is most of what a sign-in allocates, and it fills the young generation in a few hashes. A
 * loop of 200 hashes on two threads in the image's heap made 266 collections (1.6 s of pauses) allocating, against one
 * with the blocks kept, and its peak RSS was 322 against 153 MB (docs/performance.md, lever T). The pool keeps at most
 * one hash's blocks per thread that may hash at once; a hash with larger parameters than the current ones (an older
 * hash being checked) allocates what the pool lacks and leaves the rest to the collector.
 */
final class PooledArgon2 extends AbstractValidatingPasswordEncoder {

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Bouncy Castle refuses shorter outputs with an {@link IllegalStateException}; a stored hash is checked first. */
    private static final int MIN_HASH_BYTES = 4;

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
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withBlockPool(blocks)
                .build();
        byte[] hash = generate(parameters, password, HASH_BYTES);
        return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
                .formatted(
                        memoryKib, iterations, parallelism, BASE64.encodeToString(salt), BASE64.encodeToString(hash));
    }

    /** False for a hash it cannot read, as Spring's encoder answers. */
    @Override
    protected boolean matchesNonNull(String password, String encoded) {
        Decoded stored;
        try {
            stored = decode(encoded);
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
        // constant-time: the comparison must not tell how much of a guess was right
        return MessageDigest.isEqual(stored.hash(), generate(stored.parameters(), password, stored.hash().length));
    }

    /** A hash made with less memory or fewer passes than the current settings; throws for an unreadable one. */
    @Override
    protected boolean upgradeEncodingNonNull(String encoded) {
        Argon2Parameters stored = decode(encoded).parameters();
        return stored.getMemory() < memoryKib || stored.getIterations() < iterations;
    }

    private static byte[] generate(Argon2Parameters parameters, String password, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] hash = new byte[length];
        generator.generateBytes(password.toCharArray(), hash);
        return hash;
    }

    private record Decoded(Argon2Parameters parameters, byte[] hash) {}

    /**
     * Reads {@code $<type>[$v=<version>]$m=<kib>,t=<passes>,p=<lanes>$<salt>$<hash>}, the form Spring's encoder writes
     * and reads; anything else is an {@link IllegalArgumentException}.
     */
    private Decoded decode(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        int next = 1;
        if (parts.length < 5 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException("Not an encoded Argon2 hash");
        }
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(type(parts[next++]));
        if (parts[next].startsWith("v=")) {
            builder.withVersion(version(number(parts[next++], "v=")));
        }
        String[] costs = parts[next++].split(",", -1);
        if (costs.length != 3 || parts.length != next + 2) {
            throw new IllegalArgumentException("Not an encoded Argon2 hash");
        }
        byte[] hash = Base64.getDecoder().decode(parts[next + 1]);
        if (hash.length < MIN_HASH_BYTES) {
            throw new IllegalArgumentException("Argon2 hash too short");
        }
        builder.withMemoryAsKB(number(costs[0], "m="))
                .withIterations(number(costs[1], "t="))
                .withParallelism(number(costs[2], "p="))
                .withSalt(Base64.getDecoder().decode(parts[next]))
                .withBlockPool(blocks);
        return new Decoded(accepted(builder.build()), hash);
    }

    /** Bouncy Castle's own checks (lanes at most 2^24 - 1, for one), made before any memory is taken. */
    private static Argon2Parameters accepted(Argon2Parameters parameters) {
        try {
            new Argon2BytesGenerator().init(parameters);
            return parameters;
        } catch (IllegalStateException | UnsupportedOperationException refused) {
            throw new IllegalArgumentException("Argon2 parameters refused", refused);
        }
    }

    private static int type(String name) {
        return switch (name) {
            case "argon2id" -> Argon2Parameters.ARGON2_id;
            case "argon2i" -> Argon2Parameters.ARGON2_i;
            case "argon2d" -> Argon2Parameters.ARGON2_d;
            default -> throw new IllegalArgumentException("Not an Argon2 type");
        };
    }

    private static int version(int version) {
        if (version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13) {
            throw new IllegalArgumentException("Not an Argon2 version");
        }
        return version;
    }

    /** A positive number after its key; {@link NumberFormatException} is an {@link IllegalArgumentException}. */
    private static int number(String part, String key) {
        if (!part.startsWith(key)) {
            throw new IllegalArgumentException("Expected " + key);
        }
        int value = Integer.parseInt(part.substring(key.length()));
        if (value < 1) {
            throw new IllegalArgumentException("Expected a positive " + key);
        }
        return value;
    }
}
