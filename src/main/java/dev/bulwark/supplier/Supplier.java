package dev.bulwark.supplier;

import dev.bulwark.common.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A supplier. Its fields change only through {@link #create} and {@link #change}, which keep its invariants. */
@Entity
class Supplier {

    @Id
    private UUID id;

    private String name;

    private Instant createdAt;

    private Instant updatedAt;

    /** Null until the first insert: Spring Data then persists (INSERT) instead of merging over an existing row. */
    @Version
    private @Nullable Long version;

    protected Supplier() {}

    static Supplier create(NewSupplier values, Clock clock) {
        Supplier supplier = new Supplier();
        supplier.id = Ids.next(clock);
        supplier.name = Objects.requireNonNull(values.name(), "name is required");
        supplier.createdAt = now(clock);
        supplier.updatedAt = supplier.createdAt;
        return supplier;
    }

    /** Every field the update names replaces the current value; a field it leaves out (null) is kept. */
    void change(SupplierUpdate changes, Clock clock) {
        name = changed(changes.name(), name);
        updatedAt = now(clock);
    }

    private static <T> T changed(@Nullable T value, T current) {
        return value == null ? current : value;
    }

    /** Microseconds, as PostgreSQL keeps them: the answer to a write shows what a later read shows. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() {
        return id;
    }

    long version() {
        return version == null ? 0 : version;
    }

    SupplierView view() {
        return new SupplierView(id, name, createdAt, updatedAt, version());
    }
}
