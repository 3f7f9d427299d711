-- The revocation list is refilled from the sessions revoked in the last minutes (Redis restarted empty, an instance
-- restarted): the index keeps that query small however many sessions there are.
CREATE INDEX auth_session_revoked_idx ON auth_session (revoked_at);
