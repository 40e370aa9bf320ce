package dev.pullthrough.hook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The proxy's current token. Fetches a new one when the current one reaches {@link EcrToken#refreshAt()}, and once
 * when the upstream answers 401 to it (a token revoked or rotated early). Parallel requests that see the same 401
 * cause one fetch, not one each. A failed refresh keeps the old token while it is still valid and retries after a
 * short pause rather than on every request.
 */
public final class RefreshingToken {
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(10);
    /** A 401 right after a fetch is not the token's fault; refetching again would not help. */
    private static final Duration MIN_AGE_FOR_401_REFRESH = Duration.ofSeconds(1);

    private final TokenSource source;
    private final Clock clock;
    private final Consumer<String> log;
    private EcrToken current;
    private Instant nextAttempt = Instant.MIN;
    private java.util.function.BiConsumer<EcrToken, EcrToken> onRefresh = (previous, fresh) -> { };
    private long refreshes;

    public RefreshingToken(TokenSource source, EcrToken initial, Clock clock, Consumer<String> log) {
        this.source = source;
        this.current = initial;
        this.clock = clock;
        this.log = log;
    }

    /** The token to use now, refreshed first when it is due. */
    public synchronized EcrToken current() {
        Instant now = clock.instant();
        if (!now.isBefore(current.refreshAt()) && !now.isBefore(nextAttempt)) {
            refresh("due (expires " + current.expiresAt() + ")");
        }
        return current;
    }

    /**
     * Called after the upstream refused {@code rejected}. Returns the token to retry with, or null when retrying
     * makes no sense (refresh failed, or the token is brand new).
     */
    public synchronized EcrToken afterUnauthorized(EcrToken rejected) {
        if (current != rejected) {
            return current; // another request already refreshed it
        }
        Instant now = clock.instant();
        if (Duration.between(current.obtainedAt(), now).compareTo(MIN_AGE_FOR_401_REFRESH) < 0 || now.isBefore(nextAttempt)) {
            return null;
        }
        return refresh("the registry answered 401") ? current : null;
    }

    /** Called after each successful refresh with the previous and the new token. */
    public synchronized void onRefresh(java.util.function.BiConsumer<EcrToken, EcrToken> listener) {
        this.onRefresh = listener;
    }

    public synchronized long refreshes() {
        return refreshes;
    }

    private boolean refresh(String why) {
        try {
            EcrToken previous = current;
            current = source.fetch();
            refreshes++;
            onRefresh.accept(previous, current);
            nextAttempt = Instant.MIN;
            log.accept("token refreshed: " + why + "; new token expires " + current.expiresAt());
            return true;
        } catch (TokenFetchException e) {
            nextAttempt = clock.instant().plus(RETRY_PAUSE);
            log.accept("warning: token refresh failed (" + why + "): " + e.getMessage());
            return false;
        }
    }
}
