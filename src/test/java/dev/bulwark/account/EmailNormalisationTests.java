package dev.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.Blocker;
import dev.bulwark.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Emails are normalised (stripped, lower-cased) first, then length- and syntax-checked, then stored. */
@IntegrationTest
class EmailNormalisationTests {

    /** 252 characters as sent; 316 once lower-cased, because "İ" (U+0130) lower-cases to two characters. */
    static final String GROWS_PAST_LIMIT =
            "İ".repeat(64) + "@" + "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + ".test";

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEmailThatGrowsPastTheLimitWhenLowerCasedIsAValidationErrorNotAnAccount() throws Exception {
        assertThat(GROWS_PAST_LIMIT).hasSizeLessThanOrEqualTo(EmailAddress.MAX_LENGTH);
        assertThat(EmailAddress.normalize(GROWS_PAST_LIMIT)).hasSizeGreaterThan(EmailAddress.MAX_LENGTH);

        new AuthClient(mvc)
                .register(GROWS_PAST_LIMIT, AuthClient.PASSWORD)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(Matchers.endsWith("/validation-failed")))
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.everyItem(Matchers.is("email"))));
        assertThat(countByEmail(EmailAddress.normalize(GROWS_PAST_LIMIT))).isZero();
    }

    @Test
    void anEmailIsStoredNormalisedAndSignsInInAnyCase() throws Exception {
        String email = AuthClient.uniqueEmail();
        AuthClient client = new AuthClient(mvc);
        client.register("  " + email.toUpperCase() + " ", AuthClient.PASSWORD).andExpect(status().isAccepted());

        assertThat(countByEmail(email)).isOne();
        client.login(email, AuthClient.PASSWORD).andExpect(status().isOk());
    }

    @Test
    void aRegistrationThatMeetsTheSameEmailCommittedMeanwhileChangesNothing() throws Exception {
        String email = AuthClient.uniqueEmail();
        // the request's "is it taken?" cannot see this row; its insert waits on the unique index, then fails
        Blocker.Outcome outcome = Blocker.afterConcurrentWrite(
                dataSource,
                () -> new AuthClient(mvc).register(email, AuthClient.PASSWORD),
                "insert into account (id, email, display_name, password_hash, enabled, created_at, updated_at,"
                        + " version) values (?, ?, 'First', '{noop}x', true, ?, ?, 0)",
                UUID.randomUUID(),
                email,
                Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now()));

        assertThat(outcome.status()).as(outcome.body()).isEqualTo(202);
        assertThat(jdbc.sql("select display_name from account where email = ?")
                        .param(email)
                        .query(String.class)
                        .list())
                .containsExactly("First");
    }

    private long countByEmail(String email) {
        return jdbc.sql("select count(*) from account where email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }
}
