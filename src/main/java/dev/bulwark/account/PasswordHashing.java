package dev.bulwark.account;

import dev.bulwark.common.HashingPool;
import dev.bulwark.web.Busy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id for new hashes; older {@code {bcrypt}} hashes still verify and are replaced at the next successful login.
 * Hashes carry their algorithm as a {@code {id}} prefix (Spring Security's delegating format).
 */
@Component
class PasswordHashing {

    private static final String ARGON2 = "argon2";

    private final PasswordEncoder encoder;
    private final String dummyHash;
    private final HashingPool pool;

    /** Dummy checks run so far: lets tests see that a path spent the time of one, without timing it. */
    private final LongAdder dummyChecks = new LongAdder();

    PasswordHashing(AccountProperties properties, HashingPool pool) {
        this.pool = pool;
        AccountProperties.PasswordHash cost = properties.passwordHash();
        this.encoder = new DelegatingPasswordEncoder(
                ARGON2,
                Map.of(
                        ARGON2,
                        new Argon2PasswordEncoder(16, 32, cost.parallelism(), cost.memoryKib(), cost.iterations()),
                        "bcrypt",
                        new BCryptPasswordEncoder()));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
    }

    /**
     * Runs work that hashes or checks passwords on the shared {@link HashingPool}, so a flood gets fast 503 busy
     * answers instead of a pile-up. Callers put only the hashing inside and do their database reads and writes
     * outside, so a slow or stopped database never holds a slot. Not reentrant.
     */
    <T> T exclusively(Supplier<T> work) {
        return ifSlotFree(work).orElseThrow(Busy::new);
    }

    /** The same, but empty instead of 503 busy when the pool refuses the work. */
    <T> Optional<T> ifSlotFree(Supplier<T> work) {
        try {
            return Optional.of(pool.run(work));
        } catch (HashingPool.Saturated saturated) {
            return Optional.empty();
        }
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    /** False for a wrong password and for any hash the encoders cannot check (bcrypt refuses over 72 bytes). */
    boolean matches(String password, String hash) {
        try {
            return encoder.matches(password, hash);
        } catch (IllegalArgumentException unverifiable) {
            return false;
        }
    }

    /**
     * {@link #matches}, plus a dummy check when the stored hash is not a current Argon2id one or cannot be checked:
     * a legacy or outdated hash (or bcrypt refusing a password over 72 bytes) must not answer faster than a current
     * one, or timing tells which accounts still carry such hashes.
     */
    boolean matchesTakingCurrentTime(String password, String hash) {
        boolean matched = matches(password, hash);
        if (needsRehash(hash)) {
            matchAgainstDummy(password);
        }
        return matched;
    }

    /** True for any hash that is not a current Argon2id one, including one the encoders cannot read. */
    boolean needsRehash(String hash) {
        try {
            return encoder.upgradeEncoding(hash);
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }

    long dummyChecks() {
        return dummyChecks.sum();
    }

    /** Spends the time a real check would, so an unknown email answers as slowly as a wrong password. */
    void matchAgainstDummy(String password) {
        dummyChecks.increment();
        matches(password, dummyHash);
    }
}
