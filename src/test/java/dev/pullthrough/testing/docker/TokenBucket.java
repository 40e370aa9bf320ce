package dev.pullthrough.testing.docker;

import java.util.function.LongSupplier;

/**
 * ECR's documented throttle for GetAuthorizationToken, per account and region: a bucket of {@code burst} credits
 * (200) refilled at {@code refillPerSecond} (20) credits a second; a call takes one credit or is throttled. A throttled
 * call takes nothing ("Troubleshooting Amazon ECR error messages", HTTP 429 / ThrottleException).
 */
public final class TokenBucket {
    public static final int ECR_BURST = 200;
    public static final double ECR_REFILL_PER_SECOND = 20;

    private final int burst;
    private final double refillPerNano;
    private final LongSupplier nanoClock;
    private double credits;
    private long last;

    public TokenBucket(int burst, double refillPerSecond, LongSupplier nanoClock) {
        if (burst < 1 || refillPerSecond < 0) {
            throw new IllegalArgumentException("burst >= 1 and refill >= 0, got " + burst + "/" + refillPerSecond);
        }
        this.burst = burst;
        this.refillPerNano = refillPerSecond / 1e9;
        this.nanoClock = nanoClock;
        this.credits = burst;
        this.last = nanoClock.getAsLong();
    }

    public static TokenBucket ecrDefault() {
        return new TokenBucket(ECR_BURST, ECR_REFILL_PER_SECOND, System::nanoTime);
    }

    /** Takes a credit if there is one. */
    public synchronized boolean tryTake() {
        long now = nanoClock.getAsLong();
        credits = Math.min(burst, credits + (now - last) * refillPerNano);
        last = now;
        if (credits >= 1) {
            credits -= 1;
            return true;
        }
        return false;
    }
}
