package dev.pullthrough.testing.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void tryTake_fullBucket_allowsTheBurstThenThrottles() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(200, 20, now::get);

        int allowed = 0;
        for (int i = 0; i < 250; i++) {
            allowed += bucket.tryTake() ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(200);
    }

    @Test
    void tryTake_afterOneSecond_refillsTwentyAndNoMoreThanTheBurst() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(200, 20, now::get);
        while (bucket.tryTake()) {
            // drain
        }
        now.addAndGet(1_000_000_000L);
        int refilled = 0;
        while (bucket.tryTake()) {
            refilled++;
        }
        assertThat(refilled).isEqualTo(20);

        now.addAndGet(3_600_000_000_000L);
        int afterAnHour = 0;
        while (bucket.tryTake()) {
            afterAnHour++;
        }
        assertThat(afterAnHour).isEqualTo(200);
    }
}
