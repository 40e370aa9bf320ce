package dev.pullthrough.hook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The proxy's current token. When it reaches {@link EcrToken#refreshAt()} a new one is fetched <em>in the
 * background</em>: requests go on with the current token, which is still valid, however long the token API takes.
 * A request waits only when there is no valid token: the current one has expired, or the upstream answered 401 to it
 * (a token revoked or rotated early); it then waits for the one refresh in flight, at most {@link #deadline}.
 *
 * <p>One fetch at a time: parallel requests that see the same due point or the same 401 share it. A fetch that fails,
 * or gives no answer within the deadline (it is then abandoned), keeps the current token and is retried after
 * {@link #RETRY_PAUSE}, not on every request. Retries inside one fetch (backoff, jitter, an overall deadline) belong
 * to the {@link TokenSource}.
 */
public final class RefreshingToken {
    static final Duration RETRY_PAUSE = Duration.ofSeconds(10);
    /** How long a request waits for a fetch when it has no valid token, and when a fetch counts as hung. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    /** A 401 right after a fetch is not the token's fault; refetching again would not help. */
    private static final Duration MIN_AGE_FOR_401_REFRESH = Duration.ofSeconds(1);

    private final TokenSource source;
    private final Clock clock;
    private final Consumer<String> log;
    private final Executor refresher;
    private final Duration deadline;
    private EcrToken current;
    private Instant nextAttempt = Instant.MIN;
    private CompletableFuture<Void> inFlight;
    private Instant inFlightSince;
    private BiConsumer<EcrToken, EcrToken> onRefresh = (previous, fresh) -> { };
    private long refreshes;

    /** Refreshes on a background daemon thread, waiting at most {@link #DEFAULT_DEADLINE}. */
    public RefreshingToken(TokenSource source, EcrToken initial, Clock clock, Consumer<String> log) {
        this(source, initial, clock, log, RefreshingToken::onNewDaemonThread, DEFAULT_DEADLINE);
    }

    /** With the executor that runs fetches ({@code Runnable::run}: in the caller's thread) and the deadline. */
    public RefreshingToken(TokenSource source, EcrToken initial, Clock clock, Consumer<String> log, Executor refresher,
                           Duration deadline) {
        this.source = source;
        this.current = initial;
        this.clock = clock;
        this.log = log;
        this.refresher = refresher;
        this.deadline = deadline;
    }

    /** The token to use now: never waits while the current one is valid; a due refresh starts in the background. */
    public EcrToken current() {
        EcrToken now = currentWithoutWaiting();
        if (now != null) {
            return now;
        }
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = inFlight;
        }
        if (pending != null) {
            await(pending); // expired: nothing valid to serve with until the fetch answers
        }
        synchronized (this) {
            return current;
        }
    }

    /**
     * As {@link #current()}, but null instead of waiting when the token has expired and its refresh is still running:
     * the mirror's event loop must not block, so it waits for {@link #current()} on another thread then.
     */
    public EcrToken currentWithoutWaiting() {
        synchronized (this) {
            Instant now = clock.instant();
            if (!now.isBefore(current.refreshAt()) && !now.isBefore(nextAttempt)) {
                startRefresh("due (expires " + current.expiresAt() + ")", now);
            }
            if (now.isBefore(current.expiresAt()) || inFlight == null || inFlight.isDone()) {
                return current;
            }
            return null;
        }
    }

    /**
     * Called after the upstream refused {@code rejected}. Returns the token to retry with, or null when retrying
     * makes no sense (refresh failed or timed out, or the token is brand new). Waits for the fetch, at most the
     * deadline: the refused token is no use meanwhile.
     */
    public EcrToken afterUnauthorized(EcrToken rejected) {
        CompletableFuture<Void> pending;
        synchronized (this) {
            if (current != rejected) {
                return current; // another request already refreshed it
            }
            Instant now = clock.instant();
            boolean fetching = inFlight != null && !inFlight.isDone();
            if (!fetching && (Duration.between(current.obtainedAt(), now).compareTo(MIN_AGE_FOR_401_REFRESH) < 0
                    || now.isBefore(nextAttempt))) {
                return null;
            }
            startRefresh("the registry answered 401", now);
            pending = inFlight;
        }
        await(pending);
        synchronized (this) {
            return current != rejected ? current : null;
        }
    }

    /** Called after each successful refresh with the previous and the new token. */
    public synchronized void onRefresh(BiConsumer<EcrToken, EcrToken> listener) {
        this.onRefresh = listener;
    }

    public synchronized long refreshes() {
        return refreshes;
    }

    /** Starts a fetch unless one is in flight; one that has hung past the deadline is abandoned first. */
    private void startRefresh(String why, Instant now) {
        if (inFlight != null && !inFlight.isDone()) {
            if (Duration.between(inFlightSince, now).compareTo(deadline) < 0) {
                return;
            }
            abandon(inFlight, now);
            if (now.isBefore(nextAttempt)) {
                return;
            }
        }
        CompletableFuture<Void> fetch = new CompletableFuture<>();
        inFlight = fetch;
        inFlightSince = now;
        refresher.execute(() -> {
            try {
                EcrToken fresh = source.fetch();
                applied(fetch, fresh, why);
            } catch (TokenFetchException | RuntimeException e) {
                failed(fetch, why + ": " + e.getMessage());
            } finally {
                fetch.complete(null);
            }
        });
    }

    private synchronized void applied(CompletableFuture<Void> fetch, EcrToken fresh, String why) {
        if (fetch != inFlight && !fresh.expiresAt().isAfter(current.expiresAt())) {
            return; // abandoned after its deadline, and a later fetch already brought a newer token
        }
        EcrToken previous = current;
        current = fresh;
        refreshes++;
        nextAttempt = Instant.MIN;
        log.accept("token refreshed: " + why + "; new token expires " + current.expiresAt());
        onRefresh.accept(previous, current);
    }

    private synchronized void failed(CompletableFuture<Void> fetch, String reason) {
        if (fetch != inFlight) {
            return;
        }
        nextAttempt = clock.instant().plus(RETRY_PAUSE);
        log.accept("warning: token refresh failed (" + reason + ")");
    }

    private void abandon(CompletableFuture<Void> fetch, Instant now) {
        log.accept("warning: token refresh failed (no answer within " + deadline.toSeconds() + " s); the current "
                + "token is kept");
        nextAttempt = now.plus(RETRY_PAUSE);
        inFlight = null;
        fetch.complete(null); // wakes waiting requests
    }

    /** Waits for the fetch; after the deadline it is abandoned (the caller goes on with what there is). */
    private void await(CompletableFuture<Void> pending) {
        try {
            pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (this) {
                if (inFlight == pending) {
                    abandon(pending, clock.instant());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // The fetch completes normally in every case; nothing to add.
        }
    }

    private static void onNewDaemonThread(Runnable fetch) {
        Thread t = new Thread(fetch, "token-refresh");
        t.setDaemon(true);
        t.start();
    }
}
