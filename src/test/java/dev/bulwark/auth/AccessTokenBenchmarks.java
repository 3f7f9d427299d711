package dev.bulwark.auth;

import dev.bulwark.account.AccountView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The whole access-token path as the service runs it (Spring Security's Nimbus encoder and decoder with our
 * validators, RS256) and the cost of one password hash at our Argon2id parameters, beside bcrypt(10) for scale.
 * Run: {@code ./bulwark bench jmh AccessTokenBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessTokenBenchmarks {

    private AccessTokens tokens;
    private org.springframework.security.oauth2.jwt.JwtDecoder decoder;
    private AccountView account;
    private String token;
    private Argon2PasswordEncoder argon2;
    private BCryptPasswordEncoder bcrypt;

    @Setup
    public void setUp() throws Exception {
        Clock clock = Clock.systemUTC();
        AuthProperties properties = new AuthProperties(
                "bulwark",
                "bulwark-api",
                Duration.ofMinutes(10),
                Duration.ofDays(14),
                Duration.ofDays(30),
                Duration.ofSeconds(30),
                List.of("classpath:keys/test-signing-1.pem"),
                null,
                false,
                50,
                Duration.ofSeconds(10));
        TokenConfiguration configuration = new TokenConfiguration();
        SigningKeys keys = configuration.signingKeys(properties);
        tokens = new AccessTokens(configuration.jwtEncoder(keys), keys, properties, clock);
        decoder = configuration.jwtDecoder(
                keys, properties, new InProcessRevocationList(clock, java.util.Map::of), clock);
        account = new AccountView(
                UUID.randomUUID(), "bench@example.test", "Bench", Set.of("USER"), true, Instant.now(), 0);
        token = tokens.issue(account, UUID.randomUUID()).value();
        argon2 = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
        bcrypt = new BCryptPasswordEncoder(10);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String issueAccessToken() {
        return tokens.issue(account, UUID.randomUUID()).value();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Jwt decodeAndValidateAccessToken() {
        return decoder.decode(token);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String hashPasswordArgon2id() {
        return argon2.encode("correct horse battery staple " + Instant.now().getNano());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String hashPasswordBcrypt10() {
        return bcrypt.encode("correct horse battery staple");
    }
}
