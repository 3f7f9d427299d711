-- Suppliers (written by ./bulwark entity add Supplier). Applied migrations are never edited: a change is a new
-- migration.
CREATE TABLE supplier (
    id         UUID PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT NOT NULL
);

-- Lists are ordered by (created_at, id).
CREATE INDEX supplier_created_idx ON supplier (created_at, id);

INSERT INTO permission (name, description)
VALUES ('suppliers:read', 'list and read suppliers (`/api/v1/suppliers`)'),
       ('suppliers:write', 'create, change and delete suppliers');

INSERT INTO role_permission (role_name, permission)
VALUES ('ADMIN', 'suppliers:read'), ('ADMIN', 'suppliers:write'), ('USER', 'suppliers:read');
