package dev.bulwark.account;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.common.AfterCommit;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * What {@code GET /api/v1/me} shows, reused for up to a second: a client polling its own account costs one query a
 * second instead of one per request, and concurrent requests for one account share a query. A change made on this
 * instance shows at once (the entry goes when its transaction commits); one made on another instance within a second,
 * the bound revocations have too (docs/security.md). Only for display: sign-in, refresh and every security decision
 * read the account itself.
 *
 * <p>Concurrent requests share the query's outcome, a failure included. A cache computing the view inside its own
 * lock ({@code Cache.get(key, loader)}) made them take turns instead: with the database down, each waited out its own
 * 2 s connection timeout after the one before it (found by {@code ./bulwark bench faults}: a {@code /me} answered after
 * 4 s). So the caller that finds no entry puts a future there and runs the query on its own thread; the others wait
 * for that future, and a failed one leaves the cache.
 */
@Component
class AccountViews {

    static final Duration REUSE = Duration.ofSeconds(1);

    private final Accounts accounts;
    private final AsyncCache<UUID, Optional<AccountView>> recent =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(REUSE).buildAsync();

    AccountViews(Accounts accounts) {
        this.accounts = accounts;
    }

    Optional<AccountView> find(UUID id) {
        CompletableFuture<Optional<AccountView>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<AccountView>> shared = recent.asMap().putIfAbsent(id, mine);
        if (shared == null) {
            shared = mine;
            try {
                mine.complete(accounts.find(id));
            } catch (Throwable failed) { // completed whatever happens: waiters never hang on it
                mine.completeExceptionally(failed);
            }
        }
        try {
            return shared.join();
        } catch (CompletionException failed) {
            switch (failed.getCause()) {
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                case null, default -> throw failed;
            }
        }
    }

    /** Called by every change to what a view shows; takes effect once the change has committed. */
    void changed(UUID id) {
        AfterCommit.run(() -> recent.synchronous().invalidate(id));
    }
}
