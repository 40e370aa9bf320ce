package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void refreshAt_twelveHourToken_fiveMinutesBeforeExpiry() {
        EcrToken t = EcrToken.of("AWS", "pw", T0.plus(Duration.ofHours(12)), T0);
        assertThat(t.refreshAt()).isEqualTo(T0.plus(Duration.ofHours(12)).minus(Duration.ofMinutes(5)));
    }

    @Test
    void refreshAt_shortToken_atThreeQuartersOfLifetime() {
        EcrToken t = EcrToken.of("AWS", "pw", T0.plusSeconds(40), T0);
        assertThat(t.refreshAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void construct_notBase64UserPassword_refused() {
        assertThatThrownBy(() -> new EcrToken("not base64!", T0, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> new EcrToken("bm9jb2xvbg==", T0, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authorizationHeader_isBasicWithTheIssuedToken() {
        EcrToken t = EcrToken.of("AWS", "secret", T0, T0);
        assertThat(t.authorizationHeader()).isEqualTo("Basic QVdTOnNlY3JldA==");
        assertThat(t.toString()).doesNotContain("QVdTOnNlY3JldA==").doesNotContain("secret");
    }

    /** Fetches run in the caller's thread here: these tests are about when and how often, not threads. */
    private static final java.time.Duration DEADLINE = java.time.Duration.ofSeconds(5);

    static final class MutableClock extends Clock {
        Instant now = T0;

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
    }

    @Test
    void current_beforeAndAfterRefreshPoint_fetchesOnlyWhenDue() {
        MutableClock clock = new MutableClock();
        AtomicInteger fetches = new AtomicInteger();
        RefreshingToken token = new RefreshingToken(() -> {
            fetches.incrementAndGet();
            return EcrToken.of("AWS", "new", clock.now.plusSeconds(40), clock.now);
        }, EcrToken.of("AWS", "old", T0.plusSeconds(40), T0), clock, l -> { }, Runnable::run, DEADLINE);

        clock.now = T0.plusSeconds(29);
        assertThat(token.current().password()).isEqualTo("old");
        clock.now = T0.plusSeconds(30);
        assertThat(token.current().password()).isEqualTo("new");
        assertThat(token.current().password()).isEqualTo("new");
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void afterUnauthorized_sameRejectedTokenTwice_fetchesOnce() {
        MutableClock clock = new MutableClock();
        AtomicInteger fetches = new AtomicInteger();
        EcrToken old = EcrToken.of("AWS", "old", T0.plusSeconds(3600), T0);
        RefreshingToken token = new RefreshingToken(() -> {
            fetches.incrementAndGet();
            return EcrToken.of("AWS", "new" + fetches.get(), clock.now.plusSeconds(3600), clock.now);
        }, old, clock, l -> { }, Runnable::run, DEADLINE);
        clock.now = T0.plusSeconds(10);

        EcrToken first = token.afterUnauthorized(old);
        EcrToken second = token.afterUnauthorized(old);

        assertThat(first.password()).isEqualTo("new1");
        assertThat(second).isSameAs(first);
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void onRefresh_listenerGetsPreviousAndNewToken() {
        MutableClock clock = new MutableClock();
        EcrToken old = EcrToken.of("AWS", "old", T0.plusSeconds(40), T0);
        RefreshingToken token = new RefreshingToken(() -> EcrToken.of("AWS", "new", clock.now.plusSeconds(40), clock.now),
                old, clock, l -> { }, Runnable::run, DEADLINE);
        List<String> seen = new ArrayList<>();
        token.onRefresh((previous, fresh) -> seen.add(previous.password() + "->" + fresh.password()));
        clock.now = T0.plusSeconds(35);

        token.current();

        assertThat(seen).containsExactly("old->new");
    }

    @Test
    void afterUnauthorized_brandNewToken_noRetry() {
        MutableClock clock = new MutableClock();
        EcrToken fresh = EcrToken.of("AWS", "fresh", T0.plusSeconds(3600), T0);
        RefreshingToken token = new RefreshingToken(() -> {
            throw new AssertionError("must not fetch");
        }, fresh, clock, l -> { }, Runnable::run, DEADLINE);

        assertThat(token.afterUnauthorized(fresh)).isNull();
    }

    @Test
    void current_refreshFails_keepsOldTokenAndPausesRetries() {
        MutableClock clock = new MutableClock();
        AtomicInteger fetches = new AtomicInteger();
        List<String> log = new ArrayList<>();
        RefreshingToken token = new RefreshingToken(() -> {
            fetches.incrementAndGet();
            throw new TokenFetchException("ecr:GetAuthorizationToken failed: timeout", null);
        }, EcrToken.of("AWS", "old", T0.plusSeconds(40), T0), clock, log::add, Runnable::run, DEADLINE);
        clock.now = T0.plusSeconds(31);

        assertThat(token.current().password()).isEqualTo("old");
        assertThat(token.current().password()).isEqualTo("old");
        assertThat(fetches.get()).isEqualTo(1);
        clock.now = T0.plusSeconds(42);
        token.current();
        assertThat(fetches.get()).isEqualTo(2);
        assertThat(log).allMatch(l -> l.startsWith("warning: token refresh failed"));
    }
}
