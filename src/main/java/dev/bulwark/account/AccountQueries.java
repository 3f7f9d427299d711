package dev.bulwark.account;

import dev.bulwark.web.Keyset;
import dev.bulwark.web.Page;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read side of account administration: keyset pages ordered by (created_at, id) and the NDJSON export. Plain SQL, so
 * the filters compose without loading entities, and the export streams rows with a cursor (constant memory).
 */
@Component
class AccountQueries {

    private static final String COLUMNS = "a.id, a.email, a.display_name, a.enabled, a.created_at, a.version";

    private static final Keyset.Order<ManagedAccount> OLDEST_FIRST =
            Keyset.Order.ascending("a.created_at", ManagedAccount::createdAt, "a.id", ManagedAccount::id);

    /** Rows per round trip while exporting; PostgreSQL streams through a cursor only with a fetch size. */
    private static final int EXPORT_FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final Keyset keyset;
    private final JsonMapper json;

    AccountQueries(JdbcClient jdbc, Keyset keyset, JsonMapper json) {
        this.jdbc = jdbc;
        this.keyset = keyset;
        this.json = json;
    }

    Page<ManagedAccount> page(AccountFilter filter, int limit, @Nullable String after) {
        Page<ManagedAccount> page = keyset.select(
                        "select " + COLUMNS + " from account a", (rs, n) -> row(rs, List.of()))
                .where("a.deleted_at is null")
                .where("a.email like :prefix escape '\\'", "prefix", likePrefix(filter.emailPrefix()))
                .where(
                        "exists (select 1 from account_role r where r.account_id = a.id and r.role = :role)",
                        "role",
                        filter.role())
                .where("a.enabled = :enabled", "enabled", filter.enabled())
                .where("a.created_at >= :createdFrom", "createdFrom", filter.createdFrom())
                .where("a.created_at < :createdTo", "createdTo", filter.createdTo())
                .page(OLDEST_FIRST, limit, after);
        return new Page<>(withRoles(page.items()), page.next());
    }

    /** Emails are stored lower-cased; LIKE wildcards in the prefix match themselves. */
    private static @Nullable String likePrefix(@Nullable String prefix) {
        if (prefix == null) {
            return null;
        }
        return prefix.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
    }

    private List<ManagedAccount> withRoles(List<ManagedAccount> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, Set<String>> roles = new LinkedHashMap<>();
        rows.forEach(row -> roles.put(row.id(), new TreeSet<>()));
        jdbc.sql("select account_id, role from account_role where account_id in (:ids)")
                .param("ids", List.copyOf(roles.keySet()))
                .query(rs -> {
                    roles.get(rs.getObject("account_id", UUID.class)).add(rs.getString("role"));
                });
        return rows.stream()
                .map(row -> new ManagedAccount(
                        row.id(),
                        row.email(),
                        row.displayName(),
                        List.copyOf(roles.get(row.id())),
                        row.enabled(),
                        row.createdAt(),
                        row.version()))
                .toList();
    }

    private static ManagedAccount row(ResultSet rs, List<String> roles) throws SQLException {
        return new ManagedAccount(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("display_name"),
                roles,
                rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("version"));
    }

    /**
     * Writes every account as one JSON line, streaming from a database cursor: memory stays flat however many
     * accounts there are. Rows of one account are adjacent (ordered by account), so roles are gathered on the fly.
     */
    @Transactional(readOnly = true) // PostgreSQL streams through a cursor only inside a transaction
    void export(OutputStream out) {
        List<String> roles = new ArrayList<>();
        ManagedAccount[] current = {null};
        jdbc.sql("select " + COLUMNS + ", r.role from account a left join account_role r on r.account_id = a.id"
                        + " where a.deleted_at is null order by a.created_at, a.id, r.role")
                .withFetchSize(EXPORT_FETCH_SIZE)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    if (current[0] != null && !current[0].id().equals(id)) {
                        write(out, current[0], roles);
                        roles.clear();
                    }
                    if (current[0] == null || !current[0].id().equals(id)) {
                        current[0] = row(rs, List.of());
                    }
                    String role = rs.getString("role");
                    if (role != null) {
                        roles.add(role);
                    }
                });
        if (current[0] != null) {
            write(out, current[0], roles);
        }
    }

    private void write(OutputStream out, ManagedAccount user, List<String> roles) {
        try {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", user.id());
            line.put("email", user.email());
            line.put("displayName", user.displayName());
            line.put("roles", roles);
            line.put("enabled", user.enabled());
            line.put("createdAt", user.createdAt().toString());
            out.write(json.writeValueAsBytes(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
