package dev.bulwark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Picks the key that verifies an access token by its {@code kid} and {@code alg}, among the published keys converted
 * to Java keys once. Nimbus' default selector converts the matching JWK on every request, which cost about a tenth of
 * an authenticated request's CPU (JFR, {@code RSAKey.toRSAPublicKey}). A key verifies only its own algorithm (RS256
 * for an RSA key, ES256 for a P-256 key): a token naming another algorithm, {@code none} or an HMAC one finds no key.
 */
final class VerificationKeys implements JWSKeySelector<SecurityContext> {

    private record Verifying(JWSAlgorithm algorithm, Key key) {}

    private final Map<String, Verifying> byKid;

    private VerificationKeys(Map<String, Verifying> byKid) {
        this.byKid = Map.copyOf(byKid);
    }

    static VerificationKeys of(JWKSet published) {
        Map<String, Verifying> keys = new LinkedHashMap<>();
        for (JWK jwk : published.getKeys()) {
            try {
                keys.put(
                        jwk.getKeyID(),
                        new Verifying(SigningKeys.algorithmOf(jwk), ((AsymmetricJWK) jwk).toPublicKey()));
            } catch (JOSEException e) {
                throw new IllegalStateException("A published key is not an RSA or EC public key", e);
            }
        }
        return new VerificationKeys(keys);
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, @Nullable SecurityContext context) {
        String kid = header.getKeyID();
        if (kid == null) { // as Nimbus does: any published key of the token's algorithm may verify it
            return byKid.values().stream()
                    .filter(candidate -> candidate.algorithm().equals(header.getAlgorithm()))
                    .map(Verifying::key)
                    .toList();
        }
        Verifying key = byKid.get(kid);
        return key == null || !key.algorithm().equals(header.getAlgorithm()) ? List.of() : List.of(key.key());
    }
}
