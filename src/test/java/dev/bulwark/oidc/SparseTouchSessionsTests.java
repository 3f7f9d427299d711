package dev.bulwark.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

class SparseTouchSessionsTests {

    @Test
    void anAccessWithinAMinuteOfTheRecordedOneIsNotRecordedALaterOneIs() {
        AtomicInteger saves = new AtomicInteger();
        MapSessionRepository store = new MapSessionRepository(new ConcurrentHashMap<>()) {
            @Override
            public void save(MapSession session) {
                saves.incrementAndGet();
                super.save(session);
            }
        };
        SparseTouchSessions<MapSession> sessions = new SparseTouchSessions<>(store);
        SparseTouchSessions.Touched<MapSession> created = sessions.createSession();
        created.setAttribute("kept", "yes");
        sessions.save(created);
        Instant recorded = store.findById(created.getId()).getLastAccessedTime();

        SparseTouchSessions.Touched<MapSession> found = sessions.findById(created.getId());
        found.setLastAccessedTime(recorded.plusSeconds(59));
        sessions.save(found);
        assertThat(store.findById(created.getId()).getLastAccessedTime()).isEqualTo(recorded);
        assertThat(saves).as("nothing changed: not written").hasValue(1);

        found = sessions.findById(created.getId());
        found.setLastAccessedTime(recorded.plusSeconds(60));
        sessions.save(found);
        assertThat(store.findById(created.getId()).getLastAccessedTime()).isEqualTo(recorded.plusSeconds(60));
        assertThat(saves).hasValue(2);
        found = sessions.findById(created.getId());
        found.setAttribute("changed", "yes");
        sessions.save(found);
        assertThat(saves).hasValue(3);
        assertThat(sessions.findById(created.getId()).<String>getAttribute("kept"))
                .isEqualTo("yes");
        sessions.deleteById(created.getId());
        assertThat(sessions.findById(created.getId())).isNull();
    }
}
