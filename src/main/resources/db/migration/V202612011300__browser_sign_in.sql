-- Browser sign-in through an identity provider (oidc module).

-- An identity at a provider (issuer + subject, never the email: emails change and are reused) and the local account
-- it signs in as. Made at the first sign-in.
CREATE TABLE external_identity (
    issuer     VARCHAR(500) NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    account_id UUID         NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, subject)
);

CREATE INDEX external_identity_account_idx ON external_identity (account_id);

-- Which provider session each browser session came from: a back-channel logout token names the provider's session
-- (sid) or the subject, and ends the auth sessions found here.
CREATE TABLE browser_sign_in (
    session_id     UUID PRIMARY KEY REFERENCES auth_session (id) ON DELETE CASCADE,
    issuer         VARCHAR(500) NOT NULL,
    subject        VARCHAR(255) NOT NULL,
    provider_sid   VARCHAR(255)
);

CREATE INDEX browser_sign_in_subject_idx ON browser_sign_in (issuer, subject);
CREATE INDEX browser_sign_in_sid_idx ON browser_sign_in (issuer, provider_sid);

-- Spring Session's JDBC store (used when no Redis is configured), as its schema-postgresql.sql defines it.
CREATE TABLE spring_session (
    primary_id            CHAR(36) NOT NULL,
    session_id            CHAR(36) NOT NULL,
    creation_time         BIGINT   NOT NULL,
    last_access_time      BIGINT   NOT NULL,
    max_inactive_interval INT      NOT NULL,
    expiry_time           BIGINT   NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id CHAR(36)     NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
