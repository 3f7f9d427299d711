-- Accounts: the users of the service. Runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE account (
    id            UUID PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT       NOT NULL
);

-- The application stores emails lower-cased, so this also makes them unique case-insensitively.
CREATE UNIQUE INDEX account_email_key ON account (email);

CREATE TABLE account_role (
    account_id UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role       VARCHAR(64) NOT NULL,
    PRIMARY KEY (account_id, role)
);
