package dev.bulwark.product;

import dev.bulwark.web.Inputs;
import dev.bulwark.web.Timestamps;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of a partial update: the fields to change (a field left out, or null, keeps its value) and the version the
 * client read, which must still be the product's.
 */
record ProductUpdate(
        @Size(max = 100) @Pattern(regexp = Inputs.NOT_BLANK, message = Inputs.NOT_BLANK_MESSAGE) @Nullable
        String name,

        @DecimalMin("0") @Digits(integer = 15, fraction = 4) @Nullable
        BigDecimal price,

        @Size(max = 255)
        @Pattern(regexp = Inputs.NO_CONTROL_CHARACTERS, message = Inputs.NO_CONTROL_CHARACTERS_MESSAGE)
        @Nullable
        String sku,

        @Nullable Integer stock,
        @Nullable ProductCategory category,
        @Nullable UUID supplierId,

        @Size(max = 10000) @Pattern(regexp = Inputs.MULTI_LINE, message = Inputs.MULTI_LINE_MESSAGE) @Nullable
        String description,

        @Min(0L) @Nullable Long unitsSold,
        @Nullable Boolean active,
        @Timestamps.InRange @Nullable LocalDate releasedOn,
        @Timestamps.InRange @Nullable Instant restockedAt,
        @Nullable UUID externalId,
        @NotNull Long version) {}
