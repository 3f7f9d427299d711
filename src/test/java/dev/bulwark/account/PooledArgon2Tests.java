package dev.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class PooledArgon2Tests {

    /** Small costs keep the tests fast; the form and the checks do not depend on them. */
    private static final int MEMORY_KIB = 1024;

    private final PooledArgon2 pooled = new PooledArgon2(MEMORY_KIB, 2, 1, 1);
    private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, MEMORY_KIB, 2);

    @Test
    void eachReadsTheHashesOfSpringSecuritysEncoder() {
        String ours = pooled.encode("correct horse");
        String theirs = spring.encode("correct horse");

        assertThat(ours).matches("\\$argon2id\\$v=19\\$m=1024,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(spring.matches("correct horse", ours)).isTrue();
        assertThat(pooled.matches("correct horse", theirs)).isTrue();
        assertThat(pooled.matches("correct horse", ours)).isTrue();
        assertThat(pooled.matches("correct horsf", ours)).isFalse();
        assertThat(pooled.matches("correct horsf", theirs)).isFalse();
    }

    /**
     * The dummy an unknown account's sign-in is checked against: the parameters of a current hash (so the check costs
     * the same), its own salt and bytes, and no password matches it.
     */
    @Test
    void anUnmatchableHashHasTheCurrentParametersAndMatchesNoPassword() {
        String unmatchable = pooled.unmatchable();

        assertThat(unmatchable)
                .matches("\\$argon2id\\$v=19\\$m=1024,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .isNotEqualTo(pooled.unmatchable());
        assertThat(pooled.upgradeEncoding(unmatchable)).isFalse();
        for (String password : new String[] {"", "correct horse", "password"}) {
            assertThat(pooled.matches(password, unmatchable)).isFalse();
        }
    }

    @Test
    void hashesOfTheSamePasswordDifferByTheirSalt() {
        assertThat(pooled.encode("correct horse")).isNotEqualTo(pooled.encode("correct horse"));
    }

    @Test
    void aHashMadeWithLessMemoryOrFewerPassesNeedsUpgrading() {
        assertThat(pooled.upgradeEncoding(pooled.encode("p"))).isFalse();
        assertThat(pooled.upgradeEncoding(new Argon2PasswordEncoder(16, 32, 1, 512, 2).encode("p")))
                .isTrue();
        assertThat(pooled.upgradeEncoding(new Argon2PasswordEncoder(16, 32, 1, MEMORY_KIB, 1).encode("p")))
                .isTrue();
        assertThat(pooled.upgradeEncoding(new Argon2PasswordEncoder(16, 32, 1, 2048, 3).encode("p")))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2x$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=18$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=0,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=1024,t=two,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=1024,t=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFz",
                "$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$not base64!",
                "$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA$",
                "$argon2id$v=19$m=1024,t=2,p=1$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=1024,t=2,p=16777216$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
            })
    void anUnreadableHashMatchesNothing(String encoded) {
        assertThat(pooled.matches("correct horse", encoded)).isFalse();
    }

    /** The reason for the class: the second hash on a thread reuses the first one's 19 MiB of blocks. */
    @Test
    void aHashReusesTheBlocksOfTheOneBefore() {
        PooledArgon2 current = new PooledArgon2(19456, 2, 1, 1);
        current.encode("first fills the pool");

        long before = allocatedByThisThread();
        String hash = current.encode("second takes from it");
        long allocated = allocatedByThisThread() - before;

        assertThat(current.matches("second takes from it", hash)).isTrue();
        assertThat(allocated).isLessThan(2L << 20);
        assertThat(allocatedWithSpringsEncoder()).isGreaterThan(19L << 20);
    }

    private static long allocatedWithSpringsEncoder() {
        Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
        long before = allocatedByThisThread();
        encoder.encode("allocates its blocks");
        return allocatedByThisThread() - before;
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
