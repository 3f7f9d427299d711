package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Cursors are signed with the first key and accepted under any configured key, so a key rotation keeps them. */
class CursorRotationTests {

    private static final byte[] OLD = "old cursor key, 32 bytes long...".getBytes();
    private static final byte[] NEW = "new cursor key, 32 bytes long...".getBytes();

    private static Cursors cursors(byte[]... keys) {
        CursorKey key = new CursorKey() {
            @Override
            public byte[] bytes() {
                return keys[0];
            }

            @Override
            public List<byte[]> accepted() {
                return List.of(keys);
            }
        };
        return new Cursors(new StaticListableBeanFactory(Map.of("cursorKey", key)).getBeanProvider(CursorKey.class));
    }

    @Test
    void aCursorFromBeforeARotationIsAcceptedWhileItsKeyIsConfigured() {
        String before = cursors(OLD).sign("2026-01-01|42", "fingerprint");
        Cursors rotated = cursors(NEW, OLD);
        assertThat(rotated.verify(before, "fingerprint")).isEqualTo("2026-01-01|42");
        String after = rotated.sign("p", "fingerprint");
        assertThatThrownBy(() -> cursors(OLD).verify(after, "fingerprint"))
                .as("signed with the new key once it leads")
                .isInstanceOf(Cursors.InvalidCursor.class);
    }

    @Test
    void aCursorIsRefusedOnceItsKeyIsGoneOrForAnotherQuery() {
        String before = cursors(OLD).sign("2026-01-01|42", "fingerprint");
        assertThatThrownBy(() -> cursors(NEW).verify(before, "fingerprint")).isInstanceOf(Cursors.InvalidCursor.class);
        assertThatThrownBy(() -> cursors(NEW, OLD).verify(before, "other")).isInstanceOf(Cursors.InvalidCursor.class);
    }
}
