package dev.bulwark.web;

import org.jspecify.annotations.Nullable;

/** What a failure's cause chain says, for the paths that turn failures into problems. */
final class ProblemCauses {

    private ProblemCauses() {}

    /**
     * A lost database connection does not always arrive as Spring's DataAccessResourceFailureException: when the
     * connection dies mid-transaction, the failed rollback wraps it (TransactionSystemException). The
     * JDBC cause says what happened: SQLState class 08 is "connection exception"; 57P01 (admin shutdown), 57P02
     * (crash shutdown) and 57P03 (cannot connect now) are what a session gets when PostgreSQL is stopped under it
     * (found by {@code ./bulwark bench faults}, where a sign-in answered 500).
     */
    static boolean databaseUnreachable(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql
                    && (unreachableState(sql.getSQLState()) || "Connection is closed".equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachableState(@Nullable String state) {
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    static <T extends Throwable> @Nullable T ofType(@Nullable Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
