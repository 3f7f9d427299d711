package dev.bulwark.product;

import dev.bulwark.common.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A product. Its fields change only through {@link #create} and {@link #change}, which keep its invariants. */
@Entity
class Product {

    @Id
    private UUID id;

    private String name;

    private @Nullable BigDecimal price;

    private @Nullable String sku;

    private @Nullable Integer stock;

    @Enumerated(EnumType.STRING)
    private @Nullable ProductCategory category;

    private @Nullable UUID supplierId;

    private @Nullable String description;

    private @Nullable Long unitsSold;

    private @Nullable Boolean active;

    private @Nullable LocalDate releasedOn;

    private @Nullable Instant restockedAt;

    private @Nullable UUID externalId;

    private Instant createdAt;

    private Instant updatedAt;

    /** Null until the first insert: Spring Data then persists (INSERT) instead of merging over an existing row. */
    @Version
    private @Nullable Long version;

    protected Product() {}

    static Product create(NewProduct values, Clock clock) {
        Product product = new Product();
        product.id = Ids.next(clock);
        product.name = Objects.requireNonNull(values.name(), "name is required");
        product.price = scaled(values.price());
        product.sku = values.sku();
        product.stock = values.stock();
        product.category = values.category();
        product.supplierId = values.supplierId();
        product.description = values.description();
        product.unitsSold = values.unitsSold();
        product.active = values.active();
        product.releasedOn = values.releasedOn();
        product.restockedAt = truncated(values.restockedAt());
        product.externalId = values.externalId();
        product.createdAt = now(clock);
        product.updatedAt = product.createdAt;
        return product;
    }

    /** Every field the update names replaces the current value; a field it leaves out (null) is kept. */
    void change(ProductUpdate changes, Clock clock) {
        name = changed(changes.name(), name);
        price = changed(scaled(changes.price()), price);
        sku = changed(changes.sku(), sku);
        stock = changed(changes.stock(), stock);
        category = changed(changes.category(), category);
        supplierId = changed(changes.supplierId(), supplierId);
        description = changed(changes.description(), description);
        unitsSold = changed(changes.unitsSold(), unitsSold);
        active = changed(changes.active(), active);
        releasedOn = changed(changes.releasedOn(), releasedOn);
        restockedAt = changed(truncated(changes.restockedAt()), restockedAt);
        externalId = changed(changes.externalId(), externalId);
        updatedAt = now(clock);
    }

    private static <T> T changed(@Nullable T value, T current) {
        return value == null ? current : value;
    }

    /** Microseconds, as PostgreSQL keeps them: the answer to a write shows what a later read shows. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The column's scale (4), as a later read shows it; bean validation already refused more fraction digits. */
    private static @Nullable BigDecimal scaled(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.UNNECESSARY);
    }

    private static @Nullable Instant truncated(@Nullable Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() {
        return id;
    }

    long version() {
        return version == null ? 0 : version;
    }

    ProductView view() {
        return new ProductView(
                id,
                name,
                price,
                sku,
                stock,
                category,
                supplierId,
                description,
                unitsSold,
                active,
                releasedOn,
                restockedAt,
                externalId,
                createdAt,
                updatedAt,
                version());
    }
}
