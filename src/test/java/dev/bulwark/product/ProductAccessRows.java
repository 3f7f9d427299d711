package dev.bulwark.product;

import dev.bulwark.AccessMatrixRows;
import java.util.List;

/** The product routes in the access matrix: USER reads, ADMIN reads and writes. */
class ProductAccessRows implements AccessMatrixRows {

    @Override
    public List<Row> rows() {
        return List.of(
                new Row("GET", "/api/v1/products", "", U, A, A, A),
                new Row("GET", "/api/v1/products/{id}", "", U, A, A, A),
                new Row("POST", "/api/v1/products", "{\"name\":\"m\",\"sku\":\"m\"}", U, F, A, F),
                new Row("PATCH", "/api/v1/products/{id}", "{\"version\":0}", U, F, A, F),
                new Row("DELETE", "/api/v1/products/{id}", "", U, F, A, F));
    }
}
