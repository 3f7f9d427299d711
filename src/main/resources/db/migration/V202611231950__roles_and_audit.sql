-- Roles grant permissions; accounts hold roles. USER and ADMIN are built in and cannot be deleted.
CREATE TABLE role (
    name        VARCHAR(64)  PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    built_in    BOOLEAN      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT       NOT NULL
);

CREATE TABLE role_permission (
    role_name  VARCHAR(64) NOT NULL REFERENCES role (name) ON DELETE CASCADE,
    permission VARCHAR(64) NOT NULL,
    PRIMARY KEY (role_name, permission)
);

INSERT INTO role (name, description, built_in, created_at, version)
VALUES ('USER', 'Every account: its own profile and sessions', TRUE, CURRENT_TIMESTAMP, 0),
       ('ADMIN', 'Manages users, roles and reads the audit trail', TRUE, CURRENT_TIMESTAMP, 0);

INSERT INTO role_permission (role_name, permission)
VALUES ('ADMIN', 'users:read'), ('ADMIN', 'users:write'), ('ADMIN', 'roles:read'), ('ADMIN', 'roles:write'),
       ('ADMIN', 'audit:read');

-- A role that is assigned cannot be deleted: the database refuses, the API answers 409.
ALTER TABLE account_role ADD CONSTRAINT account_role_role_fk FOREIGN KEY (role) REFERENCES role (name);

-- Soft delete: personal data is overwritten, the row stays so audit records keep pointing at it.
ALTER TABLE account ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX account_created_idx ON account (created_at, id);

-- Append-only: the application has no update or delete path for these rows.
CREATE TABLE audit_event (
    id          UUID PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    actor_id    UUID,
    target      VARCHAR(200),
    request_id  VARCHAR(64),
    client_ip   VARCHAR(64),
    details     VARCHAR(1000)
);

CREATE INDEX audit_event_time_idx ON audit_event (occurred_at, id);
