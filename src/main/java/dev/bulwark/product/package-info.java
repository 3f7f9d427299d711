/**
 * Products: {@code /api/v1/products}, read with {@code products:read}, changed with {@code products:write}. One
 * capability as {@code ./bulwark entity add} writes it (docs/generator.md): the entity {@code Product} keeps its
 * invariants, the service changes it in transactions and reports each change as an audit event, the query class
 * lists it with the keyset helper, the controller validates and documents each route. Another record refers to a
 * product by its id, through a foreign key, never through this module's types; deleting a product something still
 * refers to is refused (409 {@code in-use}).
 *
 * <p>Public surface: none.
 * A product refers to its supplier by id (a foreign key to the supplier table, no call into the
 * supplier module).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "common", "web"})
package dev.bulwark.product;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
