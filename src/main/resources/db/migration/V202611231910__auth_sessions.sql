-- A session is one login: a family of refresh tokens, each replacing its parent when used.
CREATE TABLE auth_session (
    id                  UUID PRIMARY KEY,
    account_id          UUID         NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    device_label        VARCHAR(200) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    absolute_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at          TIMESTAMP WITH TIME ZONE,
    revoked_reason      VARCHAR(40)
);

CREATE INDEX auth_session_account_idx ON auth_session (account_id);

-- Only the SHA-256 of a refresh token is stored; the token itself exists only on the client.
CREATE TABLE refresh_token (
    id              UUID PRIMARY KEY,
    session_id      UUID     NOT NULL REFERENCES auth_session (id) ON DELETE CASCADE,
    parent_id       UUID,
    token_hash      VARCHAR(64) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    idle_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE
);

CREATE UNIQUE INDEX refresh_token_hash_key ON refresh_token (token_hash);
CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);
