package dev.bulwark.account;

import dev.bulwark.common.HashingPool;
import dev.bulwark.web.Busy;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
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
 * password as typed. Those still verify (the password as typed, then its NFKC form), and since their id is not the
 * current one, {@link #needsRehash} is true and the next successful sign-in replaces them with an NFKC hash.
 */
@Component
class PasswordHashing {

    private static final String ARGON2 = "argon2-nfkc";
    private static final String NORMALISED_PREFIX = "{" + ARGON2 + "}";

    private final PasswordEncoder encoder;
    private final String dummyHash;
    private final HashingPool pool;

    PasswordHashing(AccountProperties properties, HashingPool pool) {
        this.pool = pool;
        AccountProperties.PasswordHash cost = properties.passwordHash();
        Argon2PasswordEncoder argon2 =
                new Argon2PasswordEncoder(16, 32, cost.parallelism(), cost.memoryKib(), cost.iterations());
        this.encoder = new DelegatingPasswordEncoder(
                ARGON2, Map.of(ARGON2, argon2, "argon2", argon2, "bcrypt", new BCryptPasswordEncoder()));
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
        return encoder.encode(nfkc(password));
    }

    /**
     * False for a wrong password and for any hash the encoders cannot check (bcrypt refuses over 72 bytes). A hash
     * from before normalisation is checked against the password as typed, then (only when it differs) its NFKC form.
     */
    boolean matches(String password, String hash) {
        String normalised = nfkc(password);
        if (hash.startsWith(NORMALISED_PREFIX) || normalised.equals(password)) {
            return verify(normalised, hash);
        }
        return verify(password, hash) || verify(normalised, hash);
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

    boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    /** Spends the time a real check would, so an unknown email answers as slowly as a wrong password. */
    void matchAgainstDummy(String password) {
        matches(password, dummyHash);
    }
}
