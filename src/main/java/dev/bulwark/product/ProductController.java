package dev.bulwark.product;

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
@RequestMapping("/api/v1/products")
@Tag(name = "Products")
class ProductController {

    private final ProductService products;
    private final ProductQueries queries;

    ProductController(ProductService products, ProductQueries queries) {
        this.products = products;
        this.queries = queries;
    }

    @Operation(
            summary = "List products",
            description = "Oldest first. Keyset pagination: pass the previous page's next as after. Filters (each"
                    + " optional, all must hold): sku, category, supplierId.")
    @GetMapping
    @PreAuthorize("hasAuthority('products:read')")
    Page<ProductView> list(
            @RequestParam(defaultValue = "20") @Min(1) @Max(Keyset.MAX_LIMIT) int limit,
            @RequestParam(required = false) @Size(max = 1000) @Nullable String after,
            @RequestParam(required = false) @Size(max = 255) @Nullable String sku,
            @RequestParam(required = false) @Nullable ProductCategory category,
            @RequestParam(required = false) @Nullable UUID supplierId) {
        return queries.page(new ProductQueries.Filter(sku, category, supplierId), limit, after);
    }

    @Operation(summary = "Get a product")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('products:read')")
    ProductView get(@PathVariable UUID id) {
        return queries.find(id).orElseThrow(ProductProblem::notFound);
    }

    @Operation(summary = "Create a product")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new product")
    @ApiResponse(
            responseCode = "400",
            description = "validation-failed, also for a reference that names no record (supplierId)")
    @ApiResponse(responseCode = "409", description = "value-taken: another product has this sku")
    @PostMapping
    @PreAuthorize("hasAuthority('products:write')")
    ResponseEntity<ProductView> create(@Valid @RequestBody NewProduct request) {
        ProductView product = products.create(request);
        URI location = UriComponentsBuilder.fromPath("/api/v1/products/{id}")
                .buildAndExpand(product.id())
                .toUri();
        return ResponseEntity.created(location).body(product);
    }

    @Operation(
            summary = "Change a product",
            description = "Fields left out (or null) keep their value. version must be the product's current version.")
    @ApiResponse(responseCode = "200", description = "The product as changed")
    @ApiResponse(
            responseCode = "400",
            description = "validation-failed, also for a reference that names no record (supplierId)")
    @ApiResponse(
            responseCode = "409",
            description =
                    "conflict: the version is stale, or a concurrent update won; value-taken: another product has this sku")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('products:write')")
    ProductView update(@PathVariable UUID id, @Valid @RequestBody ProductUpdate request) {
        return products.update(id, request);
    }

    @Operation(summary = "Delete a product")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "409", description = "in-use: another record still refers to this product")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('products:write')")
    void delete(@PathVariable UUID id) {
        products.delete(id);
    }
}
