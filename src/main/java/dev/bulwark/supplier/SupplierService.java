package dev.bulwark.supplier;

import dev.bulwark.audit.AuditableEvent;
import dev.bulwark.common.IntegrityViolations;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and deletes suppliers, each in one transaction with its audit record. */
@Service
class SupplierService {

    private final SupplierRepository suppliers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SupplierService(SupplierRepository suppliers, ApplicationEventPublisher events, Clock clock) {
        this.suppliers = suppliers;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    SupplierView create(NewSupplier values) {
        Supplier supplier = write(Supplier.create(values, clock));
        events.publishEvent(AuditableEvent.of("supplier.created", supplier.id(), null));
        return supplier.view();
    }

    @Transactional
    SupplierView update(UUID id, SupplierUpdate changes) {
        Supplier supplier = suppliers.findById(id).orElseThrow(SupplierProblem::notFound);
        if (supplier.version() != changes.version()) {
            throw SupplierProblem.stale();
        }
        supplier.change(changes, clock);
        write(supplier);
        events.publishEvent(AuditableEvent.of("supplier.updated", id, null));
        return supplier.view();
    }

    /** Refused while another record refers to the supplier: the foreign key says so, whichever module owns it. */
    @Transactional
    void delete(UUID id) {
        Supplier supplier = suppliers.findById(id).orElseThrow(SupplierProblem::notFound);
        try {
            suppliers.delete(supplier);
            suppliers.flush();
        } catch (DataIntegrityViolationException violation) {
            if (IntegrityViolations.isForeignKeyViolation(violation)) {
                throw SupplierProblem.inUse();
            }
            throw violation;
        }
        events.publishEvent(AuditableEvent.of("supplier.deleted", id, null));
    }

    private Supplier write(Supplier supplier) {
        return suppliers.saveAndFlush(supplier);
    }
}
