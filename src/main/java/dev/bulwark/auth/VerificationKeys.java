package dev.bulwark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Picks the key that verifies an access token by its {@code kid}, among the published keys converted to Java keys
 * once. Nimbus' default selector converts the matching JWK on every request, which cost about a tenth of an
 * authenticated request's CPU (JFR, {@code RSAKey.toRSAPublicKey}). Only RS256 is ever accepted.
 */
final class VerificationKeys implements JWSKeySelector<SecurityContext> {

    private final Map<String, RSAPublicKey> byKid;

    private VerificationKeys(Map<String, RSAPublicKey> byKid) {
        this.byKid = Map.copyOf(byKid);
    }

    static VerificationKeys of(JWKSet published) {
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        for (JWK jwk : published.getKeys()) {
            try {
                keys.put(jwk.getKeyID(), jwk.toRSAKey().toRSAPublicKey());
            } catch (JOSEException e) {
                throw new IllegalStateException("A published key is not an RSA public key", e);
            }
        }
        return new VerificationKeys(keys);
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, @Nullable SecurityContext context) {
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            return List.of();
        }
        String kid = header.getKeyID();
        if (kid == null) {
            return List.copyOf(byKid.values()); // as Nimbus does: any published key may verify it
        }
        RSAPublicKey key = byKid.get(kid);
        return key == null ? List.of() : List.of(key);
    }
}
