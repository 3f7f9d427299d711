-- Accounts: the users of the service. Runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE account (
    id            UUID PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0
);

-- Emails are compared case-insensitively; the application stores them lower-cased.
CREATE UNIQUE INDEX account_email_key ON account (email);
