package dev.bulwark.supplier;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A supplier as the API shows it; {@code version} goes back with an update (optimistic locking). */
@Schema(name = "Supplier")
record SupplierView(UUID id, String name, Instant createdAt, Instant updatedAt, long version) {}
