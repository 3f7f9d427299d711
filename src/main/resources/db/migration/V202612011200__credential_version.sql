-- Issue 12, item 1: every password write (own change, admin reset, deletion) bumps credential_version; a hash
-- upgrade at sign-in does not. A session remembers the version it was started with, so a sign-in that checked the
-- old password but commits its session after a change, and a refresh of a session older than the change, are refused.
ALTER TABLE account ADD COLUMN credential_version BIGINT NOT NULL DEFAULT 0;

ALTER TABLE auth_session ADD COLUMN credential_version BIGINT NOT NULL DEFAULT 0;

-- The session cap revokes an account's oldest live sessions first.
CREATE INDEX auth_session_account_created_idx ON auth_session (account_id, created_at) WHERE revoked_at IS NULL;
