package dev.bulwark.supplier;

import dev.bulwark.web.Inputs;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of a create: every field a supplier has, checked before anything is written. */
record NewSupplier(
        @NotNull @Size(max = 100) @Pattern(regexp = Inputs.NOT_BLANK, message = Inputs.NOT_BLANK_MESSAGE)
        String name) {}
