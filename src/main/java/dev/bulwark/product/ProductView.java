package dev.bulwark.product;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A product as the API shows it; {@code version} goes back with an update (optimistic locking). */
@Schema(name = "Product")
record ProductView(
        UUID id,
        String name,
        @Schema(types = {"number", "null"}) @Nullable BigDecimal price,
        @Schema(types = {"string", "null"}) @Nullable String sku,

        @Schema(
                types = {"integer", "null"},
                format = "int32")
        @Nullable
        Integer stock,

        @Schema(types = {"string", "null"}) @Nullable ProductCategory category,

        @Schema(
                types = {"string", "null"},
                format = "uuid")
        @Nullable
        UUID supplierId,

        @Schema(types = {"string", "null"}) @Nullable String description,

        @Schema(
                types = {"integer", "null"},
                format = "int64")
        @Nullable
        Long unitsSold,

        @Schema(types = {"boolean", "null"}) @Nullable Boolean active,

        @Schema(
                types = {"string", "null"},
                format = "date")
        @Nullable
        LocalDate releasedOn,

        @Schema(
                types = {"string", "null"},
                format = "date-time")
        @Nullable
        Instant restockedAt,

        @Schema(
                types = {"string", "null"},
                format = "uuid")
        @Nullable
        UUID externalId,

        Instant createdAt,
        Instant updatedAt,
        long version) {}
