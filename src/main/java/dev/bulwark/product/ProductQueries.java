package dev.bulwark.product;

import dev.bulwark.web.Keyset;
import dev.bulwark.web.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read side: one product, and keyset pages of them, oldest first, filtered on indexed columns. */
@Component
class ProductQueries {

    /** Which products a page shows; every field null means all of them. */
    record Filter(
            @Nullable String sku,
            @Nullable ProductCategory category,
            @Nullable UUID supplierId) {}

    private static final String SELECT = "select * from product p";

    private static final Keyset.Order<ProductView> OLDEST_FIRST =
            Keyset.Order.ascending("p.created_at", ProductView::createdAt, "p.id", ProductView::id);

    private final JdbcClient jdbc;
    private final Keyset keyset;

    ProductQueries(JdbcClient jdbc, Keyset keyset) {
        this.jdbc = jdbc;
        this.keyset = keyset;
    }

    Optional<ProductView> find(UUID id) {
        return jdbc.sql(SELECT + " where p.id = :id")
                .param("id", id)
                .query(ProductQueries::view)
                .optional();
    }

    Page<ProductView> page(Filter filter, int limit, @Nullable String after) {
        return keyset.select(SELECT, ProductQueries::view)
                .where("p.sku = :sku", "sku", filter.sku())
                .where("p.category = :category", "category", nameOf(filter.category()))
                .where("p.supplier_id = :supplierId", "supplierId", filter.supplierId())
                .page(OLDEST_FIRST, limit, after);
    }

    private static ProductView view(ResultSet rs, int row) throws SQLException {
        return new ProductView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getBigDecimal("price"),
                rs.getString("sku"),
                rs.getObject("stock", Integer.class),
                rs.getString("category") == null ? null : ProductCategory.valueOf(rs.getString("category")),
                rs.getObject("supplier_id", UUID.class),
                rs.getString("description"),
                rs.getObject("units_sold", Long.class),
                rs.getObject("active", Boolean.class),
                rs.getObject("released_on", LocalDate.class),
                instant(rs, "restocked_at"),
                rs.getObject("external_id", UUID.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    private static @Nullable String nameOf(@Nullable Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
