package dev.bulwark.supplier;

import dev.bulwark.web.Keyset;
import dev.bulwark.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@Validated
@RequestMapping("/api/v1/suppliers")
@Tag(name = "Suppliers")
class SupplierController {

    private final SupplierService suppliers;
    private final SupplierQueries queries;

    SupplierController(SupplierService suppliers, SupplierQueries queries) {
        this.suppliers = suppliers;
        this.queries = queries;
    }

    @Operation(
            summary = "List suppliers",
            description = "Oldest first. Keyset pagination: pass the previous page's next as after.")
    @GetMapping
    @PreAuthorize("hasAuthority('suppliers:read')")
    Page<SupplierView> list(
            @RequestParam(defaultValue = "20") @Min(1) @Max(Keyset.MAX_LIMIT) int limit,
            @RequestParam(required = false) @Size(max = 1000) @Nullable String after) {
        return queries.page(limit, after);
    }

    @Operation(summary = "Get a supplier")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('suppliers:read')")
    SupplierView get(@PathVariable UUID id) {
        return queries.find(id).orElseThrow(SupplierProblem::notFound);
    }

    @Operation(summary = "Create a supplier")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new supplier")
    @PostMapping
    @PreAuthorize("hasAuthority('suppliers:write')")
    ResponseEntity<SupplierView> create(@Valid @RequestBody NewSupplier request) {
        SupplierView supplier = suppliers.create(request);
        URI location = UriComponentsBuilder.fromPath("/api/v1/suppliers/{id}")
                .buildAndExpand(supplier.id())
                .toUri();
        return ResponseEntity.created(location).body(supplier);
    }

    @Operation(
            summary = "Change a supplier",
            description = "Fields left out (or null) keep their value. version must be the supplier's current version.")
    @ApiResponse(responseCode = "200", description = "The supplier as changed")
    @ApiResponse(responseCode = "409", description = "conflict: the version is stale, or a concurrent update won")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('suppliers:write')")
    SupplierView update(@PathVariable UUID id, @Valid @RequestBody SupplierUpdate request) {
        return suppliers.update(id, request);
    }

    @Operation(summary = "Delete a supplier")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "409", description = "in-use: another record still refers to this supplier")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('suppliers:write')")
    void delete(@PathVariable UUID id) {
        suppliers.delete(id);
    }
}
