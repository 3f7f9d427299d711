package dev.bulwark.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.common.AfterCommit;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What {@code GET /api/v1/me} shows, reused for up to a second: a client polling its own account costs one query a
 * second instead of one per request, and concurrent requests for one account share a query. A change made on this
 * instance shows at once (the entry goes when its transaction commits); one made on another instance within a second,
 * the bound revocations have too (docs/security.md). Only for display: sign-in, refresh and every security decision
 * read the account itself.
 */
@Component
class AccountViews {

    static final Duration REUSE = Duration.ofSeconds(1);

    private final Accounts accounts;
    private final Cache<UUID, Optional<AccountView>> recent =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(REUSE).build();

    AccountViews(Accounts accounts) {
        this.accounts = accounts;
    }

    Optional<AccountView> find(UUID id) {
        return recent.get(id, accounts::find);
    }

    /** Called by every change to what a view shows; takes effect once the change has committed. */
    void changed(UUID id) {
        AfterCommit.run(() -> recent.invalidate(id));
    }
}
