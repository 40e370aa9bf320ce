package dev.pullthrough.hook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A token source that survives a fleet-wide storm: when ECR throttles GetAuthorizationToken it waits a jittered
 * {@link TokenBackoff} and asks again until its deadline; 5xx answers and broken connections get a few tries; anything
 * else (no credentials, access denied) fails at once. Nothing else happens meanwhile: {@code hook start} changes no
 * file before it has a token, so a runner that gives up has nothing to undo and fails open.
 *
 * <p>The SDK's own retries are off for the hook's client ({@link EcrTokenSource}), so this class alone decides how
 * many calls a runner makes.
 */
public final class RetryingTokenSource implements TokenSource {
    /** Waits; a seam for tests and the storm bench, which use a clock of their own. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final TokenSource delegate;
    private final TokenBackoff backoff;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public RetryingTokenSource(TokenSource delegate, TokenBackoff backoff, Clock clock, Sleeper sleeper,
            RandomGenerator random) {
        this.delegate = delegate;
        this.backoff = backoff;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    public static RetryingTokenSource of(TokenSource delegate, TokenBackoff backoff) {
        return new RetryingTokenSource(delegate, backoff, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                RandomGenerator.getDefault());
    }

    @Override
    public EcrToken fetch() throws TokenFetchException {
        Instant giveUpAt = clock.instant().plus(backoff.deadline());
        int calls = 0;
        int transientFailures = 0;
        while (true) {
            TokenFetchException failure;
            try {
                calls++;
                return delegate.fetch();
            } catch (TokenFetchException e) {
                failure = e;
            }
            switch (failure.kind()) {
                case FATAL -> throw failure;
                case TRANSIENT -> {
                    if (++transientFailures >= backoff.transientTries()) {
                        throw giveUp(failure, calls, "after " + calls + " calls");
                    }
                }
                case THROTTLED -> { }
            }
            Duration wait = backoff.delay(calls - 1, random);
            if (clock.instant().plus(wait).isAfter(giveUpAt)) {
                throw giveUp(failure, calls, "within the " + backoff.deadline().toSeconds() + " s token deadline");
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenFetchException("interrupted while waiting to retry ecr:GetAuthorizationToken", e);
            }
        }
    }

    private static TokenFetchException giveUp(TokenFetchException last, int calls, String when) {
        String what = last.kind() == TokenFetchException.Kind.THROTTLED
                ? "stayed throttled (" + calls + " calls) " + when
                        + "; raise the account's GetAuthorizationToken rate quota or start fewer runners at once "
                        + "(docs/SCALE.md)"
                : "failed " + when;
        return new TokenFetchException(last.kind(), "ecr:GetAuthorizationToken " + what + ": " + last.getMessage(),
                last);
    }
}
