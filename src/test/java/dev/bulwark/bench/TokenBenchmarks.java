package dev.bulwark.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
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
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Cost of signing and verifying an access token with each asymmetric JWS algorithm: RS256 (RSA 2048 and 3072), ES256
 * (P-256) and EdDSA (Ed25519). Verification runs on every authenticated request, signing on every login and refresh.
 *
 * <p>Two layers: the bare JCA signature over a token's signing input ({@code sign*}, {@code verify*}), and a whole
 * token through the Nimbus path the service takes ({@code jose*}, see {@link JoseTokens}). Run:
 * {@code ./bulwark bench jmh TokenBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenBenchmarks {

    // A realistic header.payload of one of our access tokens (about 400 bytes).
    private static final byte[] SIGNING_INPUT =
            ("eyJraWQiOiJSWE1RbUFVVU9FOW5pWlJ5VUFoaEJ4ZlRyT2t1NzBkUXNfbGNYOTg3TXFZIiwidHlwIjoiYXQr"
                            + "and0IiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiIwMWEyMDllNi0xNTU1LTc4MjMtOTFkNS02Yjg5Y2I3ZWU2ZTYiLCJhdWQiOlsiYnVs"
                            + "d2Fyay1hcGkiXSwibmJmIjoxNzk1NDYwMDAwLCJyb2xlcyI6WyJVU0VSIl0sImlzcyI6ImJ1bHdhcmsiLCJleHAiOjE3OTU0NjA2MDAs"
                            + "ImlhdCI6MTc5NTQ2MDAwMCwianRpIjoiOGNjZTE3ZWMtZjgwYS00Y2M1LWJiMTQtZGM4YTE3YzBkNmY4Iiwic2lkIjoiMDFhMjA5ZTYt"
                            + "MTU1NS03ODIzLTkxZDUtNmI4OWNiN2VlNmU3In0")
                    .getBytes(StandardCharsets.US_ASCII);

    private KeyPair rsa;
    private KeyPair ec;
    private KeyPair ed;
    private byte[] rsaSignature;
    private byte[] ecSignature;
    private byte[] edSignature;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
        ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        rsaSignature = sign("SHA256withRSA", rsa);
        ecSignature = sign("SHA256withECDSAinP1363Format", ec);
        edSignature = sign("Ed25519", ed);
    }

    private static byte[] sign(String algorithm, KeyPair keys) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(keys.getPrivate());
        signature.update(SIGNING_INPUT);
        return signature.sign();
    }

    private static boolean verify(String algorithm, KeyPair keys, byte[] signed) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initVerify(keys.getPublic());
        signature.update(SIGNING_INPUT);
        return signature.verify(signed);
    }

    @Benchmark
    public String joseSign(JoseTokens jose) throws Exception {
        return jose.sign();
    }

    @Benchmark
    public Jwt joseVerify(JoseTokens jose) {
        return jose.decoder.decode(jose.token);
    }

    @Benchmark
    public byte[] signRs256() throws Exception {
        return sign("SHA256withRSA", rsa);
    }

    @Benchmark
    public boolean verifyRs256() throws Exception {
        return verify("SHA256withRSA", rsa, rsaSignature);
    }

    @Benchmark
    public byte[] signEs256() throws Exception {
        return sign("SHA256withECDSAinP1363Format", ec);
    }

    @Benchmark
    public boolean verifyEs256() throws Exception {
        return verify("SHA256withECDSAinP1363Format", ec, ecSignature);
    }

    @Benchmark
    public byte[] signEdDsa() throws Exception {
        return sign("Ed25519", ed);
    }

    @Benchmark
    public boolean verifyEdDsa() throws Exception {
        return verify("Ed25519", ed, edSignature);
    }
}
