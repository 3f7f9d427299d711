package dev.bulwark.account;

import dev.bulwark.common.HashingPool;
import dev.bulwark.web.Busy;
import java.text.Normalizer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id for new hashes; older {@code {bcrypt}} hashes still verify and are replaced at the next successful login.
 * Hashes carry their algorithm as a {@code {id}} prefix (Spring Security's delegating format).
 *
 * <p>Passwords are NFKC-normalised before hashing and checking (NIST SP 800-63B 5.1.1.2), so the same passphrase
 * typed on another keyboard or input method (composed or decomposed accents, full-width letters) still matches.
 * Hashes made so carry the id {@code {argon2-nfkc}}; {@code {argon2}} and {@code {bcrypt}} hashes were made from the
 * password as typed. Those still verify against the password as typed, and since their id is not the current one,
 * {@link #needsRehash} is true and the next successful sign-in replaces them with an NFKC hash.
 */
@Component
class PasswordHashing {

    private static final String ARGON2 = "argon2-nfkc";
    private static final String NORMALISED_PREFIX = "{" + ARGON2 + "}";
    private static final String TYPED_PREFIX = "{argon2}";

    private final PasswordEncoder encoder;
    private final PooledArgon2 argon2;
    private final String dummyHash;
    private final HashingPool pool;

    /** Dummy checks run so far: lets tests see that a path spent the time of one, without timing it. */
    private final LongAdder dummyChecks = new LongAdder();

    /** New hashes made so far (the dummy hash not counted): lets tests see that a path hashed nothing. */
    private final LongAdder hashes = new LongAdder();

    PasswordHashing(AccountProperties properties, HashingPool pool) {
        this.pool = pool;
        AccountProperties.PasswordHash cost = properties.passwordHash();
        this.argon2 = new PooledArgon2(cost.memoryKib(), cost.iterations(), cost.parallelism(), pool.concurrency());
        this.encoder = new DelegatingPasswordEncoder(
                ARGON2, Map.of(ARGON2, argon2, "argon2", argon2, "bcrypt", new BCryptPasswordEncoder()));
        this.dummyHash = NORMALISED_PREFIX + argon2.unmatchable();
    }

    /**
     * Runs work that hashes or checks passwords on the shared {@link HashingPool}, so a flood gets fast 503 busy
     * answers instead of a pile-up. Callers put only the hashing inside and do their database reads and writes
     * outside, so a slow or stopped database never holds a hashing thread. Not reentrant.
     */
    <T> T exclusively(Supplier<T> work) {
        return pool.claim().flatMap(place -> in(place, work)).orElseThrow(Busy::new);
    }

    /**
     * Runs the work on the pool, waiting for a slot as long as it takes: for one-off work at start-up that no client
     * waits on (the bootstrap admin), where a busy machine must delay the start, not fail it.
     */
    <T> T patiently(Supplier<T> work) {
        return pool.runPatiently(work);
    }

    /** Runs the work in a place the caller claimed ahead; empty when it did not start within the pool's wait. */
    <T> Optional<T> in(HashingPool.Place place, Supplier<T> work) {
        try {
            return Optional.of(place.run(work));
        } catch (HashingPool.Saturated saturated) {
            return Optional.empty();
        }
    }

    String hash(String password) {
        hashes.increment();
        return encoder.encode(nfkc(password));
    }

    /**
     * False for a wrong password and for any hash the encoders cannot check (bcrypt refuses over 72 bytes). A hash
     * from before normalisation was made from the password as typed, so it is checked against that only: one
     * verification, whatever the hash, so the cost never depends on the input's form.
     */
    boolean matches(String password, String hash) {
        return verify(hash.startsWith(NORMALISED_PREFIX) ? nfkc(password) : password, hash);
    }

    static String nfkc(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    private boolean verify(String password, String hash) {
        try {
            return encoder.matches(password, hash);
        } catch (IllegalArgumentException unverifiable) {
            return false;
        }
    }

    /**
     * {@link #matches}, plus a dummy check when the stored hash does not cost one current Argon2id verification
     * (bcrypt, Argon2 with older parameters, or a hash the encoders cannot read): a legacy hash (or bcrypt refusing a
     * password over 72 bytes at once) must not answer faster than a current one, or timing tells which accounts
     * still carry such hashes. An {@code {argon2}} hash with current parameters costs the same as an
     * {@code {argon2-nfkc}} one, so it needs no dummy check although it is rehashed at the next sign-in.
     */
    boolean matchesTakingCurrentTime(String password, String hash) {
        boolean matched = matches(password, hash);
        if (!costsOneCurrentCheck(hash)) {
            matchAgainstDummy(password);
        }
        return matched;
    }

    private boolean costsOneCurrentCheck(String hash) {
        String prefix = hash.startsWith(NORMALISED_PREFIX)
                ? NORMALISED_PREFIX
                : hash.startsWith(TYPED_PREFIX) ? TYPED_PREFIX : null;
        try {
            return prefix != null && !argon2.upgradeEncoding(hash.substring(prefix.length()));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /** True for any hash that is not a current Argon2id one, including one the encoders cannot read. */
    boolean needsRehash(String hash) {
        try {
            return encoder.upgradeEncoding(hash);
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }

    long hashes() {
        return hashes.sum();
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
