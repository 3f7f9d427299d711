package dev.bulwark.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Spring Session records every request's time on the session, which makes every cookie request a write: an UPDATE
 * and a commit in PostgreSQL, an EXISTS, an HSET and an EXPIRE in Redis. Here the time is recorded only when the
 * stored one is a minute old or more, and a session nothing changed is not saved, so most requests only read. The
 * price: a session can end up to a minute before its idle timeout.
 * Measured with {@code bench/browser-session.sh} (docs/oidc.md, "Figures").
 */
final class SparseTouchSessions<S extends Session> implements SessionRepository<SparseTouchSessions.Touched<S>> {

    static final Duration RESOLUTION = Duration.ofMinutes(1);

    private final SessionRepository<S> delegate;

    SparseTouchSessions(SessionRepository<S> delegate) {
        this.delegate = delegate;
    }

    SessionRepository<S> delegate() {
        return delegate;
    }

    @Override
    public Touched<S> createSession() {
        Touched<S> created = new Touched<>(delegate.createSession());
        created.changed = true;
        return created;
    }

    @Override
    public void save(Touched<S> session) {
        if (session.changed) {
            delegate.save(session.inner);
            session.changed = false;
        }
    }

    @Override
    public @Nullable Touched<S> findById(String id) {
        S found = delegate.findById(id);
        return found == null ? null : new Touched<>(found);
    }

    @Override
    public void deleteById(String id) {
        delegate.deleteById(id);
    }

    /** The store's session, passing everything through but the access times within {@link #RESOLUTION}. */
    static final class Touched<S extends Session> implements Session {

        private final S inner;
        private boolean changed; // one request's view of the session: never shared between threads

        Touched(S inner) {
            this.inner = inner;
        }

        @Override
        public void setLastAccessedTime(Instant time) {
            if (!time.isBefore(inner.getLastAccessedTime().plus(RESOLUTION))) {
                inner.setLastAccessedTime(time);
                changed = true;
            }
        }

        @Override
        public String getId() {
            return inner.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return inner.changeSessionId();
        }

        @Override
        public <T> @Nullable T getAttribute(String name) {
            return inner.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return inner.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            changed = true;
            inner.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            changed = true;
            inner.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return inner.getCreationTime();
        }

        @Override
        public Instant getLastAccessedTime() {
            return inner.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            inner.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return inner.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return inner.isExpired();
        }
    }
}
