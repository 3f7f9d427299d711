package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The keyset-page helper against real rows (audit_event, filtered to this test's own action names). */
@IntegrationTest
class KeysetTests {

    record Row(UUID id, Instant at) {}

    static final Keyset.Order<Row> OLDEST_FIRST = Keyset.Order.ascending("e.occurred_at", Row::at, "e.id", Row::id);
    static final Keyset.Order<Row> NEWEST_FIRST = Keyset.Order.descending("e.occurred_at", Row::at, "e.id", Row::id);

    @Autowired
    Keyset keyset;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    private final long idPrefix = UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE;

    @Test
    void rowsWithEqualSortKeysAreOrderedByIdAndEveryRowIsShownOnce() {
        String action = uniqueAction();
        Instant same = Instant.parse("2026-01-02T03:04:05.123456Z");
        List<UUID> ids = List.of(id(3), id(1), id(5), id(2), id(4));
        ids.forEach(id -> insert(id, same, action));
        insert(id(9), same.minusSeconds(1), action);

        assertThat(allPages(action, OLDEST_FIRST)).containsExactly(id(9), id(1), id(2), id(3), id(4), id(5));
        assertThat(allPages(action, NEWEST_FIRST)).containsExactly(id(5), id(4), id(3), id(2), id(1), id(9));
    }

    @Test
    void theLastPageHasNoNextCursorEvenWhenItIsFull() {
        String action = uniqueAction();
        for (int i = 1; i <= 4; i++) {
            insert(id(i), Instant.parse("2026-01-02T00:00:00Z").plusSeconds(i), action);
        }
        Page<Row> first = page(action, OLDEST_FIRST, 2, null);
        assertThat(first.items()).extracting(Row::id).containsExactly(id(1), id(2));
        assertThat(first.next()).isNotNull();
        Page<Row> last = page(action, OLDEST_FIRST, 2, first.next());
        assertThat(last.items()).extracting(Row::id).containsExactly(id(3), id(4));
        assertThat(last.next()).isNull();
        assertThat(page(uniqueAction(), OLDEST_FIRST, 2, null)).isEqualTo(new Page<Row>(List.of(), null));
    }

    @Test
    void aCursorIsRefusedForAnotherFilterOrAnotherOrder() {
        String action = uniqueAction();
        insert(id(1), Instant.parse("2026-01-02T00:00:00Z"), action);
        insert(id(2), Instant.parse("2026-01-02T00:00:01Z"), action);
        String next = page(action, OLDEST_FIRST, 1, null).next();
        assertThat(next).isNotNull();

        assertThat(page(action, OLDEST_FIRST, 1, next).items())
                .extracting(Row::id)
                .containsExactly(id(2));
        assertInvalidCursor(() -> page(uniqueAction(), OLDEST_FIRST, 1, next));
        assertInvalidCursor(() -> page(action, NEWEST_FIRST, 1, next));
        assertInvalidCursor(() -> keyset.select("select id, occurred_at from audit_event e", KeysetTests::row)
                .page(OLDEST_FIRST, 1, next));
        assertInvalidCursor(() -> page(action, OLDEST_FIRST, 1, "garbage"));
        assertInvalidCursor(() -> page(action, OLDEST_FIRST, 1, next.replace('.', 'x')));
        assertInvalidCursor(
                () -> page(action, OLDEST_FIRST, 1, (next.charAt(0) == 'A' ? "B" : "A") + next.substring(1)));
    }

    @Test
    void aBadCursorIsA400Problem() throws Exception {
        String token = new AuthClient(mvc)
                .signIn("admin@bootstrap.test", "bootstrap root passphrase")
                .bearer();
        for (String cursor : List.of("garbage", "a.b", "YQ.YQ", ".")) {
            mvc.perform(get("/api/v1/admin/audit").param("after", cursor).header("Authorization", token))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", "application/problem+json"))
                    .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/invalid-cursor"))
                    .andExpect(jsonPath("$.status").value(400));
        }
    }

    @Test
    void aLimitOutsideOneToAHundredIsAProgrammingError() {
        assertThatThrownBy(() -> page(uniqueAction(), OLDEST_FIRST, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> page(uniqueAction(), OLDEST_FIRST, Keyset.MAX_LIMIT + 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<UUID> allPages(String action, Keyset.Order<Row> order) {
        List<UUID> seen = new ArrayList<>();
        String after = null;
        do {
            Page<Row> page = page(action, order, 2, after);
            assertThat(page.items()).hasSizeBetween(1, 2);
            page.items().forEach(row -> seen.add(row.id()));
            after = page.next();
        } while (after != null);
        return seen;
    }

    private Page<Row> page(String action, Keyset.Order<Row> order, int limit, @Nullable String after) {
        return keyset.select("select id, occurred_at from audit_event e", KeysetTests::row)
                .where("e.action = :action", "action", action)
                .page(order, limit, after);
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(
                rs.getObject("id", UUID.class), rs.getTimestamp("occurred_at").toInstant());
    }

    private static void assertInvalidCursor(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(problem.type()).isEqualTo("invalid-cursor");
        });
    }

    private void insert(UUID id, Instant at, String action) {
        jdbc.sql("insert into audit_event (id, occurred_at, action) values (?, ?, ?)")
                .params(id, Timestamp.from(at), action)
                .update();
    }

    /** Ids whose order is the same in Java and PostgreSQL (both halves below 2^63), unique to this test. */
    private UUID id(int n) {
        return new UUID(idPrefix, n);
    }

    private static String uniqueAction() {
        return "keyset_probe." + UUID.randomUUID().toString().substring(0, 8);
    }
}
