package dev.bulwark.supplier;

import dev.bulwark.AccessMatrixRows;
import java.util.List;

/** The supplier routes in the access matrix: USER reads, ADMIN reads and writes. */
class SupplierAccessRows implements AccessMatrixRows {

    @Override
    public List<Row> rows() {
        return List.of(
                new Row("GET", "/api/v1/suppliers", "", U, A, A, A),
                new Row("GET", "/api/v1/suppliers/{id}", "", U, A, A, A),
                new Row("POST", "/api/v1/suppliers", "{\"name\":\"m\"}", U, F, A, F),
                new Row("PATCH", "/api/v1/suppliers/{id}", "{\"version\":0}", U, F, A, F),
                new Row("DELETE", "/api/v1/suppliers/{id}", "", U, F, A, F));
    }
}
