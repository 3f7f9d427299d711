package dev.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
