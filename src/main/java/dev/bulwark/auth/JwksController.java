package dev.bulwark.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys access tokens can be verified with: the signing key and any still-trusted previous keys. */
@RestController
@Tag(name = "Authentication")
class JwksController {

    static final String PATH = "/.well-known/jwks.json";

    private final Map<String, Object> jwks;

    JwksController(SigningKeys keys) {
        this.jwks = keys.publicKeys().toJSONObject(true);
    }

    @Operation(summary = "JSON Web Key Set (RFC 7517) of the token signing keys")
    @GetMapping(path = PATH, produces = "application/json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(jwks);
    }
}
