package dev.bulwark.web;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one way to serve a list: filters on indexed columns, rows ordered by (a sort column, id), {@code ?limit=} rows
 * (1 to {@value #MAX_LIMIT}) after an opaque {@code ?after=} cursor, answered as a {@link Page}. A module's query class
 * builds the query; its controller only passes the request parameters on.
 *
 * <pre>{@code
 * static final Keyset.Order<AuditRecord> NEWEST_FIRST =
 *         Keyset.Order.descending("e.occurred_at", AuditRecord::occurredAt, "e.id", AuditRecord::id);
 *
 * Page<AuditRecord> page = keyset.select("select * from audit_event e", AuditQueries::record)
 *         .where("e.action = :action", "action", action) // left out while action is null
 *         .page(NEWEST_FIRST, limit, after);
 * }</pre>
 *
 * <p>It appends the filters, the keyset condition (rows after the cursor's sort key and id), the order and a limit of
 * {@code limit + 1} (the extra row only tells that a next page exists). The cursor is signed with the
 * {@link CursorKey} and bound to the query's fingerprint (select, conditions, parameter values, order): a cursor made
 * for one filter is refused for another with 400 {@code invalid-cursor}.
 */
@Component
public class Keyset {

    /** The largest {@code ?limit=} a list accepts. */
    public static final int MAX_LIMIT = 100;

    private final JdbcClient jdbc;
    private final Cursors cursors;

    Keyset(JdbcClient jdbc, Cursors cursors) {
        this.jdbc = jdbc;
        this.cursors = cursors;
    }

    /** @param select everything before {@code where}, e.g. {@code select * from audit_event e} */
    public <T> Query<T> select(String select, RowMapper<T> rows) {
        return new Query<>(select, rows);
    }

    /**
     * How a list is ordered: a sort column that is never null, then the id column that breaks ties (one index should
     * cover both). {@code sortKey} and {@code id} read the same two values from a mapped row; a sort key is an
     * {@link Instant}, a {@link String} or a {@link Long}.
     */
    public record Order<T>(
            String sortColumn, Function<T, ?> sortKey, String idColumn, Function<T, UUID> id, boolean descending) {

        public static <T> Order<T> ascending(
                String sortColumn, Function<T, ?> sortKey, String idColumn, Function<T, UUID> id) {
            return new Order<>(sortColumn, sortKey, idColumn, id, false);
        }

        public static <T> Order<T> descending(
                String sortColumn, Function<T, ?> sortKey, String idColumn, Function<T, UUID> id) {
            return new Order<>(sortColumn, sortKey, idColumn, id, true);
        }
    }

    /** One list query being built; {@link #page} runs it. */
    public final class Query<T> {

        private final String select;
        private final RowMapper<T> rows;
        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> params = new LinkedHashMap<>();
        private final StringBuilder fingerprint = new StringBuilder();

        private Query(String select, RowMapper<T> rows) {
            this.select = select;
            this.rows = rows;
            fingerprint.append(part(select));
        }

        /** A condition every row must meet, e.g. {@code a.deleted_at is null}. */
        public Query<T> where(String condition) {
            conditions.add(condition);
            fingerprint.append(part(condition));
            return this;
        }

        /**
         * A filter with one named parameter, left out while {@code value} is null (the request did not ask for it).
         * An {@link Instant} is bound as a timestamp.
         */
        public Query<T> where(String condition, String parameter, @Nullable Object value) {
            if (value != null) {
                where(condition);
                params.put(parameter, value instanceof Instant instant ? Timestamp.from(instant) : value);
                fingerprint.append(part(parameter)).append(part(value.toString()));
            }
            return this;
        }

        /** Up to {@code limit} rows after the cursor {@code after} (from the start when null). */
        public Page<T> page(Order<T> order, int limit, @Nullable String after) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
            }
            String query = fingerprint + part(order.sortColumn()) + part(order.idColumn()) + order.descending();
            List<String> where = new ArrayList<>(conditions);
            Map<String, Object> values = new LinkedHashMap<>(params);
            String sort = order.sortColumn();
            String id = order.idColumn();
            if (after != null) {
                String beyond = order.descending() ? " < " : " > ";
                where.add("(" + sort + beyond + ":keysetSortKey or (" + sort + " = :keysetSortKey and " + id + beyond
                        + ":keysetId))");
                values.putAll(position(cursors.verify(after, query)));
            }
            String direction = order.descending() ? " desc" : "";
            String sql = select + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by " + sort
                    + direction + ", " + id + direction + " limit :keysetLimit";
            values.put("keysetLimit", limit + 1);
            List<T> found = jdbc.sql(sql).params(values).query(rows).list();
            return Page.of(found, limit, last -> cursors.sign(position(order, last), query));
        }
    }

    /** Length-prefixed, so no two different queries share a fingerprint. */
    private static String part(String text) {
        return text.length() + ":" + text + ";";
    }

    /** The id, a newline, then the sort key tagged with its type: the cursor's signed content. */
    private static <T> String position(Order<T> order, T row) {
        String sortKey = switch (order.sortKey().apply(row)) {
            case Instant instant -> "t" + instant;
            case String text -> "s" + text;
            case Long number -> "n" + number;
            case Object other -> throw new IllegalArgumentException("unsupported sort key type: " + other.getClass());
        };
        return order.id().apply(row) + "\n" + sortKey;
    }

    private static Map<String, Object> position(String signed) {
        try {
            int newline = signed.indexOf('\n');
            String value = signed.substring(newline + 2);
            Object sortKey = switch (signed.charAt(newline + 1)) {
                case 't' -> Timestamp.from(Instant.parse(value));
                case 's' -> value;
                case 'n' -> Long.parseLong(value);
                default -> throw new Cursors.InvalidCursor();
            };
            return Map.of("keysetSortKey", sortKey, "keysetId", UUID.fromString(signed.substring(0, newline)));
        } catch (IndexOutOfBoundsException | IllegalArgumentException | DateTimeException malformed) {
            // only a cursor signed by an older format gets here: the signature already proved it is ours
            throw new Cursors.InvalidCursor();
        }
    }
}
