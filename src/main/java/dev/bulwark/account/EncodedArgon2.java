package dev.bulwark.account;

import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2 hash in the encoded form Spring Security's {@code Argon2PasswordEncoder} writes and reads:
 * {@code $<type>$v=<version>$m=<kib>,t=<passes>,p=<lanes>$<salt>$<hash>}, Base64 without padding, the version optional
 * when reading. Anything else is an {@link IllegalArgumentException}, thrown before any memory is taken.
 */
record EncodedArgon2(Argon2Parameters parameters, byte[] hash) {

    /** Bouncy Castle refuses shorter outputs with an {@link IllegalStateException}. */
    private static final int MIN_HASH_BYTES = 4;

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    /** The form Spring's encoder writes. */
    String text() {
        return "$%s$v=%d$m=%d,t=%d,p=%d$%s$%s"
                .formatted(
                        name(parameters.getType()),
                        parameters.getVersion(),
                        parameters.getMemory(),
                        parameters.getIterations(),
                        parameters.getLanes(),
                        BASE64.encodeToString(parameters.getSalt()),
                        BASE64.encodeToString(hash));
    }

    /** Reads a stored hash; its parameters take their memory from {@code blocks}. */
    static EncodedArgon2 parse(String encoded, Argon2BytesGenerator.BlockPool blocks) {
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
        return new EncodedArgon2(accepted(builder.build()), hash);
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

    private static String name(int type) {
        return switch (type) {
            case Argon2Parameters.ARGON2_id -> "argon2id";
            case Argon2Parameters.ARGON2_i -> "argon2i";
            case Argon2Parameters.ARGON2_d -> "argon2d";
            default -> throw new IllegalArgumentException("Not an Argon2 type");
        };
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
