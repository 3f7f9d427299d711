package dev.bulwark.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.IntegrationTest;
import dev.bulwark.Slow;
import dev.bulwark.TestHttp;
import dev.bulwark.TestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs on an application context and database of its own (closed and dropped after the class): its 100k accounts
 * would otherwise slow every other test that lists users.
 */
@IntegrationTest
@Slow
@DirtiesContext
class UserExportTests {

    static final int ROWS = 100_000;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        String url = TestServices.createDatabase("export");
        registry.add("spring.datasource.url", () -> url);
        registry.add("bulwark.redis.key-prefix", () -> TestServices.keyPrefix() + "export:");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void aHundredThousandUsersStreamAsNdjsonInBoundedMemory() throws Exception {
        insertAccounts(ROWS);
        int expected = jdbc.queryForObject("select count(*) from account where deleted_at is null", Integer.class);
        String token = new AdminClient(mvc)
                .auth
                .signIn(AdminClient.ADMIN_EMAIL, AdminClient.ADMIN_PASSWORD)
                .bearer();

        System.gc();
        long heapBefore = usedHeap();
        HttpResponse<java.io.InputStream> response = TestHttp.send(
                TestHttp.port(port).request("/api/v1/admin/users/export").header("Authorization", token),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        int lines = 0;
        long peak = 0;
        JsonNode first = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (first == null) {
                    first = JsonMapper.shared().readTree(line);
                }
                if (++lines % 20_000 == 0) {
                    System.gc(); // measure live data, not garbage awaiting collection
                    peak = Math.max(peak, usedHeap() - heapBefore);
                }
            }
        }
        assertThat(lines).isEqualTo(expected);
        assertThat(first.has("email")).isTrue();
        assertThat(first.has("passwordHash")).isFalse();
        // Buffered, the export would hold ~20 MB of JSON plus 100k row objects; streamed, live data stays flat.
        System.out.printf("export of %d users: peak heap growth %d MiB%n", lines, peak >> 20);
        assertThat(peak).as("live heap growth while exporting").isLessThan(16L << 20);
    }

    private static long usedHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private void insertAccounts(int count) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            batch.add(new Object[] {id, "bulk-" + id + "@example.test", "Bulk " + i, "{noop}x", true, now, now, 0L});
            if (batch.size() == 5_000) {
                flush(batch);
            }
        }
        flush(batch);
    }

    private void flush(List<Object[]> batch) {
        jdbc.batchUpdate(
                "insert into account (id, email, display_name, password_hash, enabled, created_at, updated_at, version)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                batch);
        batch.clear();
    }
}
