package dev.pullthrough.testing.terraform;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Retries a failed command only when its output matches one of the known transient errors; anything else fails at
 * once, so a real bug is never hidden behind a retry.
 */
public record RetryPolicy(int maxAttempts, Duration pause, List<TransientError> transientErrors) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative, got " + pause);
        }
        transientErrors = List.copyOf(transientErrors);
    }

    /** The errors seen on this machine class and in terraform's issue tracker for offline/CI runs. */
    public static final List<TransientError> KNOWN_TRANSIENT_ERRORS = List.of(
            TransientError.of("text file busy",
                    "a parallel init is still writing the provider binary into the shared plugin cache"),
            TransientError.of("timeout while waiting for plugin to start",
                    "the 700 MB provider binary starts slowly on a loaded 2-core machine"),
            TransientError.of("Error acquiring the state lock",
                    "another terraform process holds the state lock for a moment"),
            TransientError.of("(?i)connection reset by peer|TLS handshake timeout|i/o timeout|unexpected EOF",
                    "network blip while installing providers or modules directly (machines without the mirror)"),
            TransientError.of("ThrottlingException|RequestLimitExceeded|Rate exceeded",
                    "AWS API throttling (only when run against a real account)"));

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(2), KNOWN_TRANSIENT_ERRORS);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, List.of());
    }

    /** The transient error this output shows, if any; the caller retries only then. */
    public Optional<TransientError> classify(String output) {
        return transientErrors.stream().filter(e -> e.matches(output)).findFirst();
    }
}
