-- The audit trail is append-only in the database itself, not only in the application: whatever database user the
-- deployment runs as (GRANTs depend on the deployment's users; a trigger travels with the schema), an UPDATE,
-- DELETE or TRUNCATE of audit rows fails. Dropping the trigger needs the table's owner, and is itself a schema change.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
