-- The permissions roles can grant, one row each: a capability's migration adds its own and grants them to ADMIN, so
-- the role API accepts them without a code change. Deleting a permission takes its grants with it.
CREATE TABLE permission (
    name        VARCHAR(64)  PRIMARY KEY,
    description VARCHAR(200) NOT NULL
);

INSERT INTO permission (name, description)
VALUES ('users:read', 'list, read and export accounts (`/api/v1/admin/users`, `/export`)'),
       ('users:write', 'create accounts, change name/roles/enabled, reset passwords, delete (soft)'),
       ('roles:read', 'list roles'),
       ('roles:write', 'create roles, change their permissions, delete unassigned custom roles'),
       ('audit:read', 'read the audit trail');

ALTER TABLE role_permission ADD CONSTRAINT role_permission_permission_fk
    FOREIGN KEY (permission) REFERENCES permission (name) ON DELETE CASCADE;
