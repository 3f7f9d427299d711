package dev.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 12 item 11: passwords are NFKC-normalised (NIST SP 800-63B), and hashes from before still verify. */
@IntegrationTest
class PasswordNormalisationTests {

    /** Decomposed "é" (e + U+0301) and a full-width "Ａ": NFKC turns them into "é" and "A". */
    private static final String TYPED = "cafe\u0301 au lait \uFF21 passphrase";

    private static final String NFKC = "café au lait A passphrase";

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountRepository repository;

    @Autowired
    Clock clock;

    /** Format characters such as U+202E (right-to-left override) would let one name render as another. */
    @Test
    void aDisplayNameWithABidirectionalOverrideOrOtherFormatCharacterIsRefused() throws Exception {
        AuthClient client = new AuthClient(mvc);
        AuthClient.Tokens tokens = client.newUser(AuthClient.uniqueEmail());
        for (String name : new String[] {"admin\u202Egnp.exe", "a\u200Bb", "x\u2066y"}) {
            mvc.perform(patch("/api/v1/me")
                            .header("Authorization", tokens.bearer())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"displayName\":\"" + name + "\"}"))
                    .andExpect(status().isBadRequest());
        }
        client.me(tokens)
                .andExpect(jsonPath("$.displayName")
                        .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("\u202E"))));
    }

    @Test
    void thePolicyJudgesTheNormalisedPassword() {
        PasswordPolicy policy = new PasswordPolicy();
        assertThatThrownBy(() -> policy.check("\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44", "x@example.com"))
                .isInstanceOf(WeakPassword.class)
                .hasMessageContaining("most common");
        assertThatThrownBy(() -> policy.check("e\u0301".repeat(5), "x@example.com"))
                .isInstanceOf(WeakPassword.class)
                .hasMessageContaining("at least 8");
    }

    @Test
    void anyNormalisationOfThePasswordSignsIn() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        client.register(email, TYPED).andExpect(status().isAccepted());
        client.login(email, NFKC).andExpect(status().isOk());
        client.login(email, TYPED).andExpect(status().isOk());
        assertThat(repository.findByEmail(email).orElseThrow().passwordHash()).startsWith("{argon2-nfkc}$argon2id$");
    }

    /** A hash of the password as typed, made before normalisation, verifies and is replaced by an NFKC hash. */
    @Test
    void aHashFromBeforeNormalisationStillVerifiesAndIsRehashedAtSignIn() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        String legacy = "{argon2}"
                + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(TYPED);
        UUID id = repository
                .save(Account.register(email, "Legacy", legacy, BuiltInRoles.DEFAULT, clock))
                .id();
        client.login(email, "wrong " + TYPED).andExpect(status().isUnauthorized());
        assertThat(repository.findById(id).orElseThrow().passwordHash()).isEqualTo(legacy);
        client.login(email, TYPED).andExpect(status().isOk());
        String rehashed = repository.findById(id).orElseThrow().passwordHash();
        assertThat(rehashed).startsWith("{argon2-nfkc}$argon2id$");
        assertThat(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()
                        .matches(NFKC, rehashed.substring("{argon2-nfkc}".length())))
                .isTrue();
        client.login(email, NFKC).andExpect(status().isOk());
    }
}
