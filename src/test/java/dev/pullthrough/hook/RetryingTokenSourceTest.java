package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryingTokenSourceTest {
    static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    static final TokenBackoff BACKOFF = new TokenBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofSeconds(60), 3);

    /** A clock that only moves when the source sleeps. */
    static final class ManualTime {
        Instant now = T0;
        final List<Duration> sleeps = new ArrayList<>();

        Clock clock() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }

        void sleep(Duration d) {
            sleeps.add(d);
            now = now.plus(d);
        }
    }

    static EcrToken token() {
        return EcrToken.of("AWS", "secret", T0.plusSeconds(43200), T0);
    }

    static TokenSource failing(TokenFetchException.Kind kind, int times, int[] calls) {
        return () -> {
            if (calls[0]++ < times) {
                throw new TokenFetchException(kind, "ecr:GetAuthorizationToken failed: test " + kind, null);
            }
            return token();
        };
    }

    @Test
    void fetch_throttledTwice_retriesWithJitteredWaitsUnderTheGrowingCeiling() throws Exception {
        ManualTime time = new ManualTime();
        int[] calls = {0};
        RetryingTokenSource source = new RetryingTokenSource(failing(TokenFetchException.Kind.THROTTLED, 2, calls),
                BACKOFF, time.clock(), time::sleep, new SplittableRandom(7));

        assertThat(source.fetch()).isEqualTo(token());

        assertThat(calls[0]).isEqualTo(3);
        assertThat(time.sleeps).hasSize(2);
        assertThat(time.sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
        assertThat(time.sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofSeconds(4));
    }

    @Test
    void fetch_waitsAreSpreadNotSynchronized() {
        SplittableRandom random = new SplittableRandom(1);
        List<Duration> firstWaits = new ArrayList<>();
        for (int runner = 0; runner < 200; runner++) {
            firstWaits.add(BACKOFF.delay(0, random));
        }

        assertThat(firstWaits.stream().distinct().count()).isGreaterThan(150);
        assertThat(firstWaits).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(2)));
    }

    @Test
    void fetch_alwaysThrottled_givesUpByTheDeadlineNamingTheQuota() {
        ManualTime time = new ManualTime();
        int[] calls = {0};
        RetryingTokenSource source = new RetryingTokenSource(
                failing(TokenFetchException.Kind.THROTTLED, Integer.MAX_VALUE, calls), BACKOFF, time.clock(),
                time::sleep, new SplittableRandom(3));

        assertThatThrownBy(source::fetch).isInstanceOf(TokenFetchException.class)
                .hasMessageContaining("stayed throttled").hasMessageContaining("60 s token deadline")
                .hasMessageContaining("quota");
        assertThat(Duration.between(T0, time.now)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(time.sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)));
        assertThat(calls[0]).isGreaterThan(2);
    }

    @Test
    void fetch_accessDenied_failsAtOnceWithoutWaiting() {
        ManualTime time = new ManualTime();
        int[] calls = {0};
        RetryingTokenSource source = new RetryingTokenSource(failing(TokenFetchException.Kind.FATAL, 5, calls),
                BACKOFF, time.clock(), time::sleep, new SplittableRandom(3));

        assertThatThrownBy(source::fetch).isInstanceOf(TokenFetchException.class);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void fetch_serverErrors_triesThreeTimesThenFails() {
        ManualTime time = new ManualTime();
        int[] calls = {0};
        RetryingTokenSource source = new RetryingTokenSource(failing(TokenFetchException.Kind.TRANSIENT, 5, calls),
                BACKOFF, time.clock(), time::sleep, new SplittableRandom(3));

        assertThatThrownBy(source::fetch).isInstanceOf(TokenFetchException.class).hasMessageContaining("after 3 calls");
        assertThat(calls[0]).isEqualTo(3);
    }
}
