package dev.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class AccountViewsTests {

    final UUID id = UUID.randomUUID();
    final Accounts accounts = mock(Accounts.class);
    final AccountViews views = new AccountViews(accounts);

    @Test
    void aViewIsReadOnceASecondAndAgainAfterItsEntryExpired() throws Exception {
        when(accounts.find(id)).thenReturn(Optional.of(view("Before")), Optional.of(view("After")));

        assertThat(views.find(id)).map(AccountView::displayName).contains("Before");
        assertThat(views.find(id)).map(AccountView::displayName).contains("Before");
        verify(accounts, times(1)).find(id);

        Thread.sleep(AccountViews.REUSE.toMillis() + 100);
        assertThat(views.find(id)).map(AccountView::displayName).contains("After");
        verify(accounts, times(2)).find(id);
    }

    @Test
    void aChangeOnThisInstanceDropsTheViewAtOnce() {
        when(accounts.find(id)).thenReturn(Optional.of(view("Before")), Optional.of(view("After")));
        views.find(id);

        views.changed(id); // no transaction: at once

        assertThat(views.find(id)).map(AccountView::displayName).contains("After");
    }

    @Test
    void anUnknownAccountIsNotMistakenForAKnownOne() {
        when(accounts.find(id)).thenReturn(Optional.empty());

        assertThat(views.find(id)).isEmpty();
        assertThat(views.find(UUID.randomUUID())).isEmpty();
    }

    /** With the database down, concurrent requests share the one failed query instead of each waiting for its own. */
    @Test
    void concurrentRequestsShareOneFailingQuery() throws Exception {
        CountDownLatch databaseDown = new CountDownLatch(1);
        when(accounts.find(id)).thenAnswer(invocation -> {
            databaseDown.await(); // the connection timeout
            throw new CannotGetJdbcConnectionException("no connection");
        });
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(Thread.ofPlatform().start(() -> {
                try {
                    views.find(id);
                } catch (RuntimeException failed) {
                    failures.add(failed);
                }
            }));
        }
        while (requests.stream()
                .anyMatch(request ->
                        request.getState() == Thread.State.RUNNABLE || request.getState() == Thread.State.NEW)) {
            Thread.sleep(10); // until all three wait: one for the database, two for it or for their turn
        }
        databaseDown.countDown();
        for (Thread request : requests) {
            request.join(5_000);
        }

        assertThat(failures).hasSize(3).allMatch(CannotGetJdbcConnectionException.class::isInstance);
        verify(accounts, times(1)).find(id);
        // The failure is not kept: the next request asks the database again.
        assertThatThrownBy(() -> views.find(id)).isInstanceOf(CannotGetJdbcConnectionException.class);
        verify(accounts, times(2)).find(id);
    }

    private AccountView view(String displayName) {
        return new AccountView(
                id,
                "someone@example.test",
                displayName,
                Set.of("USER"),
                true,
                Instant.parse("2026-12-01T00:00:00Z"),
                1);
    }
}
