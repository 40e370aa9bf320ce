package dev.pullthrough.hook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a runner waits before asking for a token again: "full jitter" (a uniformly random wait between zero and an
 * exponentially growing ceiling), so that a fleet throttled in the same second spreads its retries over the next ones
 * instead of returning together.
 *
 * <p>ECR refills each account's GetAuthorizationToken bucket at 20 tokens a second after a burst of 200. The defaults
 * (2 s growing to 30 s, within a 60 s deadline) were chosen with the storm harness (bench/token-storm.sh, figures in
 * docs/SCALE.md): every one of 1,000 runners arriving within 60 s gets a token with ~1 call each, and 1,000 arriving
 * within 10 s all get one within the deadline.
 *
 * @param base ceiling of the first wait
 * @param cap largest ceiling
 * @param deadline how long one {@code fetch} may take in all; past it the hook fails open
 * @param transientTries tries for 5xx answers and broken connections (throttling is retried until the deadline)
 */
public record TokenBackoff(Duration base, Duration cap, Duration deadline, int transientTries) {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    public TokenBackoff {
        if (base.isNegative() || cap.compareTo(base) < 0 || deadline.isNegative() || transientTries < 1) {
            throw new IllegalArgumentException("invalid token backoff " + base + "/" + cap + "/" + deadline);
        }
    }

    public static TokenBackoff defaults() {
        return withDeadline(DEFAULT_DEADLINE);
    }

    public static TokenBackoff withDeadline(Duration deadline) {
        return new TokenBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30), deadline, 3);
    }

    /** The wait before retry number {@code retry} (0 for the first retry). */
    public Duration delay(int retry, RandomGenerator random) {
        long ceiling = base.toMillis() << Math.min(retry, 20);
        ceiling = Math.min(ceiling, cap.toMillis());
        return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    }
}
