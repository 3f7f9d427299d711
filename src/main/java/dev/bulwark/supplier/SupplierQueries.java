package dev.bulwark.supplier;

import dev.bulwark.web.Keyset;
import dev.bulwark.web.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read side: one supplier, and keyset pages of them, oldest first. */
@Component
class SupplierQueries {

    private static final String SELECT = "select * from supplier s";

    private static final Keyset.Order<SupplierView> OLDEST_FIRST =
            Keyset.Order.ascending("s.created_at", SupplierView::createdAt, "s.id", SupplierView::id);

    private final JdbcClient jdbc;
    private final Keyset keyset;

    SupplierQueries(JdbcClient jdbc, Keyset keyset) {
        this.jdbc = jdbc;
        this.keyset = keyset;
    }

    Optional<SupplierView> find(UUID id) {
        return jdbc.sql(SELECT + " where s.id = :id")
                .param("id", id)
                .query(SupplierQueries::view)
                .optional();
    }

    Page<SupplierView> page(int limit, @Nullable String after) {
        return keyset.select(SELECT, SupplierQueries::view).page(OLDEST_FIRST, limit, after);
    }

    private static SupplierView view(ResultSet rs, int row) throws SQLException {
        return new SupplierView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
