package dev.bulwark.supplier;

import dev.bulwark.web.Inputs;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of a partial update: the fields to change (a field left out, or null, keeps its value) and the version the
 * client read, which must still be the supplier's.
 */
record SupplierUpdate(
        @Size(max = 100) @Pattern(regexp = Inputs.NOT_BLANK, message = Inputs.NOT_BLANK_MESSAGE) @Nullable
        String name,

        @NotNull Long version) {}
