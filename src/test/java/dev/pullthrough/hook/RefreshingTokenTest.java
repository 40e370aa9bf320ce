package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A token API that hangs or fails must not hold up requests while the current token is valid (issue 15, item 3):
 * the refresh runs in the background with a deadline, and only a request without a valid token waits, at most that
 * deadline. The token stand-in here is a {@link TokenSource} that blocks until released, counts its calls, or throws.
 */
class RefreshingTokenTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch fetchStarted = new CountDownLatch(1);
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void releaseHungFetches() {
        release.countDown();
    }

    /** Hangs until {@link #release}, then answers a token valid for an hour from {@code clock}. */
    private TokenSource hangingSource(Clock clock) {
        return () -> {
            fetches.incrementAndGet();
            fetchStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return EcrToken.of("AWS", "new", clock.instant().plusSeconds(3600), clock.instant());
        };
    }

    @Test
    void current_refreshDueAndTokenApiHangs_servesValidTokenAtOnceWithOneFetch() throws Exception {
        TokenTest.MutableClock clock = new TokenTest.MutableClock();
        clock.now = T0.plusSeconds(3550); // past refreshAt (expiry - 5 min), 50 s before expiry
        RefreshingToken token = new RefreshingToken(hangingSource(clock), EcrToken.of("AWS", "old", T0.plusSeconds(3600), T0),
                clock, log::add, runnable -> new Thread(runnable).start(), Duration.ofSeconds(30));
        CountDownLatch refreshed = new CountDownLatch(1);
        token.onRefresh((previous, fresh) -> refreshed.countDown());

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 100; i++) {
                assertThat(token.current().password()).isEqualTo("old");
            }
        });
        // The fetch runs on the refresh thread: wait until it has started, then there must be exactly that one.
        assertThat(fetchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fetches.get()).as("one fetch in flight, shared").isEqualTo(1);

        release.countDown();
        assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(token.current().password()).isEqualTo("new");
        assertThat(token.refreshes()).isEqualTo(1);
    }

    @Test
    void currentWithoutWaiting_tokenExpiredWhileItsRefreshRuns_nullAtOnceThenTheFreshToken() throws Exception {
        TokenTest.MutableClock clock = new TokenTest.MutableClock();
        clock.now = T0.plusSeconds(3601);
        RefreshingToken token = new RefreshingToken(hangingSource(clock), EcrToken.of("AWS", "old", T0.plusSeconds(3600), T0),
                clock, log::add, runnable -> new Thread(runnable).start(), Duration.ofSeconds(30));
        CountDownLatch refreshed = new CountDownLatch(1);
        token.onRefresh((previous, fresh) -> refreshed.countDown());

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(token.currentWithoutWaiting()).isNull());
        assertThat(fetchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(token.currentWithoutWaiting().password()).isEqualTo("new");
    }

    @Test
    void current_tokenExpiredAndTokenApiHangs_waitsAtMostTheDeadlineThenPausesRetries() throws Exception {
        TokenTest.MutableClock clock = new TokenTest.MutableClock();
        clock.now = T0.plusSeconds(3601);
        RefreshingToken token = new RefreshingToken(hangingSource(clock), EcrToken.of("AWS", "old", T0.plusSeconds(3600), T0),
                clock, log::add, runnable -> new Thread(runnable).start(), Duration.ofMillis(300));

        long started = System.nanoTime();
        EcrToken first = assertTimeoutPreemptively(Duration.ofSeconds(5), token::current);
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        EcrToken second = assertTimeoutPreemptively(Duration.ofMillis(250), token::current);

        assertThat(waitedMs).as("waited for the fetch, up to the deadline").isGreaterThanOrEqualTo(300);
        assertThat(first.password()).isEqualTo("old");
        assertThat(second.password()).isEqualTo("old");
        assertThat(fetchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fetches.get()).as("no new fetch during the retry pause").isEqualTo(1);
        assertThat(log).anyMatch(l -> l.startsWith("warning: token refresh failed (no answer within"));
    }

    @Test
    void current_tokenExpiredAndTokenApiAnswers_waitsForTheNewToken() {
        TokenTest.MutableClock clock = new TokenTest.MutableClock();
        clock.now = T0.plusSeconds(3601);
        RefreshingToken token = new RefreshingToken(
                () -> EcrToken.of("AWS", "new", clock.instant().plusSeconds(3600), clock.instant()),
                EcrToken.of("AWS", "old", T0.plusSeconds(3600), T0), clock, log::add,
                runnable -> new Thread(runnable).start(), Duration.ofSeconds(30));

        assertThat(token.current().password()).isEqualTo("new");
    }

    @Test
    void current_fetchHungPastDeadline_abandonedAndRetriedAfterThePause() throws Exception {
        TokenTest.MutableClock clock = new TokenTest.MutableClock();
        CountDownLatch refreshed = new CountDownLatch(1);
        CountDownLatch firstCallMade = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        TokenSource firstHangsThenAnswers = () -> {
            if (calls.incrementAndGet() == 1) {
                firstCallMade.countDown();
                return hangingSource(clock).fetch();
            }
            return EcrToken.of("AWS", "second", clock.instant().plusSeconds(3600), clock.instant());
        };
        RefreshingToken token = new RefreshingToken(firstHangsThenAnswers, EcrToken.of("AWS", "old", T0.plusSeconds(3600), T0),
                clock, log::add, runnable -> new Thread(runnable).start(), Duration.ofSeconds(30));
        token.onRefresh((previous, fresh) -> refreshed.countDown());

        clock.now = T0.plusSeconds(3300);
        assertThat(token.current().password()).isEqualTo("old");
        // The refresh runs on its own thread: wait until it has really asked (and hangs) before moving the clock on.
        assertThat(firstCallMade.await(10, TimeUnit.SECONDS)).isTrue();
        clock.now = T0.plusSeconds(3331); // the first fetch has had its 30 s: abandoned, retry pause begins
        assertThat(token.current().password()).isEqualTo("old");
        assertThat(calls.get()).isEqualTo(1);
        clock.now = T0.plusSeconds(3342);
        assertThat(token.current().password()).isEqualTo("old");

        assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.get()).isEqualTo(2);
        assertThat(token.current().password()).isEqualTo("second");
    }

    @Test
    void afterUnauthorized_tokenApiFails_nullAndCurrentTokenKept() {
        TokenTest.MutableClock clock = new TokenTest.MutableClock();
        clock.now = T0.plusSeconds(10);
        EcrToken old = EcrToken.of("AWS", "old", T0.plusSeconds(3600), T0);
        RefreshingToken token = new RefreshingToken(() -> {
            throw new TokenFetchException("ecr:GetAuthorizationToken failed: throttled", null);
        }, old, clock, log::add, runnable -> new Thread(runnable).start(), Duration.ofSeconds(30));

        assertThat(token.afterUnauthorized(old)).isNull();
        assertThat(token.current()).isSameAs(old);
        assertThat(log).anyMatch(l -> l.contains("throttled"));
    }

    /** Through the mirror: requests are answered while the token API hangs on the due refresh. */
    @Test
    void mirror_refreshDueAndTokenApiHangs_requestsServedAtOnce() throws Exception {
        try (FakeRegistry upstream = new FakeRegistry("pw")) {
            upstream.route("/v2/docker-hub/library/hello/manifests/1", ex -> FakeRegistry.json(ex, 200, "{}"));
            Instant now = Instant.now();
            // Obtained 58 min ago, expires in 2 min: past its refresh point, still valid.
            EcrToken due = EcrToken.of("AWS", "pw", now.plusSeconds(120), now.minusSeconds(3480));
            RefreshingToken token = new RefreshingToken(hangingSource(Clock.systemUTC()), due, Clock.systemUTC(), log::add);
            MirrorProxy proxy = MirrorProxy.start(new MirrorProxy.Config(ListenAddress.parse("127.0.0.1:0"),
                    upstream.endpoint(), "docker-hub"), token, log::add);
            try {
                HttpClient client = HttpClient.newHttpClient();
                for (int i = 0; i < 5; i++) {
                    HttpResponse<Void> r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> client.send(
                            HttpRequest.newBuilder(URI.create(proxy.address().mirrorUrl() + "/v2/library/hello/manifests/1"))
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding()));
                    assertThat(r.statusCode()).isEqualTo(200);
                }
                assertThat(fetchStarted.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(fetches.get()).isEqualTo(1);
            } finally {
                proxy.close();
            }
        }
    }
}
