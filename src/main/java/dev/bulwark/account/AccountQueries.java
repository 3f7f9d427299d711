package dev.bulwark.account;

import dev.bulwark.web.Cursors;
import dev.bulwark.web.Page;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read side of account administration: keyset pages ordered by (created_at, id) and the NDJSON export. Plain SQL, so
 * the filters compose without loading entities, and the export streams rows with a cursor (constant memory).
 */
@Component
class AccountQueries {

    private static final String COLUMNS = "a.id, a.email, a.display_name, a.enabled, a.created_at, a.version";

    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcTemplate exporting;
    private final Cursors cursors;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    AccountQueries(
            NamedParameterJdbcTemplate jdbc,
            DataSource dataSource,
            Cursors cursors,
            TransactionTemplate transaction,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.exporting = new JdbcTemplate(dataSource);
        // PostgreSQL streams through a cursor only inside a transaction and with a fetch size.
        this.exporting.setFetchSize(500);
        this.cursors = cursors;
        this.transaction = transaction;
        this.json = json;
    }

    Page<ManagedAccount> page(AccountFilter filter, int limit, @Nullable String after) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from account a where a.deleted_at is null");
        MapSqlParameterSource params = new MapSqlParameterSource();
        where(filter, sql, params);
        if (after != null) {
            List<String> position = cursors.decode(after, filter.fingerprint(), 2);
            sql.append(" and (a.created_at > :afterTime or (a.created_at = :afterTime and a.id > :afterId))");
            params.addValue("afterTime", Timestamp.from(Instant.parse(position.get(0))));
            params.addValue("afterId", UUID.fromString(position.get(1)));
        }
        sql.append(" order by a.created_at, a.id limit :limit");
        params.addValue("limit", limit + 1);
        List<ManagedAccount> rows = withRoles(jdbc.query(sql.toString(), params, (rs, n) -> row(rs, List.of())));
        return Page.of(
                rows,
                limit,
                last -> cursors.encode(
                        filter.fingerprint(),
                        List.of(last.createdAt().toString(), last.id().toString())));
    }

    private static void where(AccountFilter filter, StringBuilder sql, MapSqlParameterSource params) {
        if (filter.emailPrefix() != null) {
            sql.append(" and a.email like :prefix escape '\\'");
            params.addValue(
                    "prefix",
                    filter.emailPrefix()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_")
                            + "%");
        }
        if (filter.role() != null) {
            sql.append(" and exists (select 1 from account_role r where r.account_id = a.id and r.role = :role)");
            params.addValue("role", filter.role());
        }
        if (filter.enabled() != null) {
            sql.append(" and a.enabled = :enabled");
            params.addValue("enabled", filter.enabled());
        }
        if (filter.createdFrom() != null) {
            sql.append(" and a.created_at >= :createdFrom");
            params.addValue("createdFrom", Timestamp.from(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            sql.append(" and a.created_at < :createdTo");
            params.addValue("createdTo", Timestamp.from(filter.createdTo()));
        }
    }

    private List<ManagedAccount> withRoles(List<ManagedAccount> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, Set<String>> roles = new LinkedHashMap<>();
        rows.forEach(row -> roles.put(row.id(), new TreeSet<>()));
        jdbc.query(
                "select account_id, role from account_role where account_id in (:ids)",
                new MapSqlParameterSource("ids", List.copyOf(roles.keySet())),
                rs -> {
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
    void export(OutputStream out) {
        transaction.executeWithoutResult(status -> {
            List<String> roles = new ArrayList<>();
            ManagedAccount[] current = {null};
            exporting.query(
                    "select " + COLUMNS + ", r.role from account a left join account_role r on r.account_id = a.id"
                            + " where a.deleted_at is null order by a.created_at, a.id, r.role",
                    rs -> {
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
        });
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
