package dev.bulwark.product;

import dev.bulwark.audit.AuditableEvent;
import dev.bulwark.common.IntegrityViolations;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and deletes products, each in one transaction with its audit record. */
@Service
class ProductService {

    private final ProductRepository products;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProductService(ProductRepository products, ApplicationEventPublisher events, Clock clock) {
        this.products = products;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    ProductView create(NewProduct values) {
        Product product = write(Product.create(values, clock));
        events.publishEvent(AuditableEvent.of("product.created", product.id(), null));
        return product.view();
    }

    @Transactional
    ProductView update(UUID id, ProductUpdate changes) {
        Product product = products.findById(id).orElseThrow(ProductProblem::notFound);
        if (product.version() != changes.version()) {
            throw ProductProblem.stale();
        }
        product.change(changes, clock);
        write(product);
        events.publishEvent(AuditableEvent.of("product.updated", id, null));
        return product.view();
    }

    /** Refused while another record refers to the product: the foreign key says so, whichever module owns it. */
    @Transactional
    void delete(UUID id) {
        Product product = products.findById(id).orElseThrow(ProductProblem::notFound);
        try {
            products.delete(product);
            products.flush();
        } catch (DataIntegrityViolationException violation) {
            if (IntegrityViolations.isForeignKeyViolation(violation)) {
                throw ProductProblem.inUse();
            }
            throw violation;
        }
        events.publishEvent(AuditableEvent.of("product.deleted", id, null));
    }

    /**
     * Written at once, so the constraints of the product migration answer here, by name: the unique index of a
     * field, a reference to a record that does not exist (or was deleted a moment ago). Any other violation is a 500.
     */
    private Product write(Product product) {
        try {
            return products.saveAndFlush(product);
        } catch (DataIntegrityViolationException violation) {
            if (IntegrityViolations.isViolationOf(violation, "product_sku_key")) {
                throw ProductProblem.taken("sku");
            }
            if (IntegrityViolations.isViolationOf(violation, "product_supplier_fk")) {
                throw ProductProblem.unknownReference("supplierId");
            }
            throw violation;
        }
    }
}
