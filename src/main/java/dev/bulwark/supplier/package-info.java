/**
 * Suppliers: {@code /api/v1/suppliers}, read with {@code suppliers:read}, changed with {@code suppliers:write}. One
 * capability as {@code ./bulwark entity add} writes it (docs/generator.md): the entity {@code Supplier} keeps its
 * invariants, the service changes it in transactions and reports each change as an audit event, the query class
 * lists it with the keyset helper, the controller validates and documents each route. Another record refers to a
 * supplier by its id, through a foreign key, never through this module's types; deleting a supplier something still
 * refers to is refused (409 {@code in-use}).
 *
 * <p>Public surface: none.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "common", "web"})
package dev.bulwark.supplier;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
