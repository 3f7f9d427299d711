-- Products (written by ./bulwark entity add Product). Applied migrations are never edited: a change is a new
-- migration.
CREATE TABLE product (
    id           UUID PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    price        NUMERIC(19, 4) CHECK (price >= 0),
    sku          VARCHAR(255),
    stock        INTEGER,
    category     VARCHAR(4) CHECK (category IN ('BOOK', 'TOY')),
    supplier_id  UUID CONSTRAINT product_supplier_fk REFERENCES supplier (id),
    description  TEXT,
    units_sold   BIGINT CHECK (units_sold >= 0),
    active       BOOLEAN,
    released_on  DATE,
    restocked_at TIMESTAMP WITH TIME ZONE,
    external_id  UUID,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT NOT NULL
);

-- Lists are ordered by (created_at, id); each filter's index ends with the same two columns.
CREATE INDEX product_created_idx ON product (created_at, id);
CREATE UNIQUE INDEX product_sku_key ON product (sku);
CREATE INDEX product_category_idx ON product (category, created_at, id);
CREATE INDEX product_supplier_idx ON product (supplier_id, created_at, id);

INSERT INTO permission (name, description)
VALUES ('products:read', 'list and read products (`/api/v1/products`)'),
       ('products:write', 'create, change and delete products');

INSERT INTO role_permission (role_name, permission)
VALUES ('ADMIN', 'products:read'), ('ADMIN', 'products:write'), ('USER', 'products:read');
