package dev.bulwark.access;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The permissions roles can grant: the {@code permission} table, which each capability's migration extends with its
 * own ({@code products:read}, ...). Routes name them in {@code @PreAuthorize}; roles combine them.
 */
@Component
class PermissionQueries {

    private final JdbcClient jdbc;

    PermissionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> all() {
        return new TreeSet<>(
                jdbc.sql("select name from permission").query(String.class).list());
    }

    /** Those of {@code permissions} that no capability defines. */
    Set<String> unknown(Collection<String> permissions) {
        Set<String> unknown = new TreeSet<>(permissions);
        if (!unknown.isEmpty()) {
            unknown.removeAll(jdbc.sql("select name from permission where name in (:names)")
                    .param("names", permissions)
                    .query(String.class)
                    .list());
        }
        return unknown;
    }
}
