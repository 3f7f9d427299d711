package dev.bulwark.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One transaction-scoped PostgreSQL advisory lock that every change to roles and to accounts' roles, enabled flags
 * or existence takes first. Such changes are rare and short, so running them one at a time costs nothing, and it
 * removes every ordering problem between them: two admins demoting each other deadlocked on row locks (5 of 16
 * answered 500), a role assigned while it was being deleted broke a foreign key, and "is there another admin?" or
 * "does this role exist?" could be answered from a row changed a moment later.
 */
@Component
class AdminChanges {

    /** Any constant unique among this database's advisory locks ("bulwark" in ASCII). */
    static final long KEY = 0x62756c7761726bL;

    private final JdbcClient jdbc;

    AdminChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits until no other admin change runs; held until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lock() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(KEY).query().listOfRows();
    }
}
