import dev.pullthrough.hook.CachedTokenSource;
import dev.pullthrough.hook.EcrToken;
import dev.pullthrough.hook.EcrTokenSource;
import dev.pullthrough.hook.RetryingTokenSource;
import dev.pullthrough.hook.TokenBackoff;
import dev.pullthrough.hook.TokenFetchException;
import dev.pullthrough.hook.TokenSource;
import dev.pullthrough.testing.docker.EcrTokenStandIn;
import dev.pullthrough.testing.docker.TokenBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Bench only (bench/token-storm.sh): N runners ask for an ECR token, arriving uniformly within T seconds, against the
 * ECR stand-in throttling like ECR (a bucket of 200, refilled at 20/s). Each runner is a virtual thread running the
 * hook's real token code and the real AWS SDK over loopback HTTP.
 *
 *   TokenStorm MODE N T [HOSTS]
 *   MODE before: the SDK's default retries only (what hook start did before issue 14)
 *        after:  RetryingTokenSource with the default TokenBackoff (60 s deadline)
 *        reuse:  N jobs on HOSTS long-lived runners, each host reusing its token (CachedTokenSource)
 * Prints one JSON line.
 */
public final class TokenStorm {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        double window = Double.parseDouble(args[2]);
        int hosts = args.length > 3 ? Integer.parseInt(args[3]) : n;
        EcrTokenStandIn standIn = EcrTokenStandIn.startDetached();
        standIn.throttle(TokenBucket.ecrDefault());
        System.setProperty("aws.endpointUrlEcr", standIn.endpoint());
        System.setProperty("aws.accessKeyId", EcrTokenStandIn.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", EcrTokenStandIn.SECRET_ACCESS_KEY);
        Path scratch = Files.createTempDirectory("token-storm");

        // A pool of clients stands in for N processes' clients (EcrTokenSource serializes its own calls).
        int pool = 64;
        List<TokenSource> clients = new ArrayList<>();
        for (int i = 0; i < pool; i++) {
            clients.add(mode.equals("before") ? sdkDefaults() : new EcrTokenSource(EcrTokenStandIn.REGION,
                    Clock.systemUTC()));
        }
        AtomicInteger calls = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        SplittableRandom arrivals = new SplittableRandom(42);
        long start = System.nanoTime();
        // Arrival times; on a long-lived host ("reuse") jobs run one after another, as a runner takes one job at a time.
        List<List<Long>> jobsByHost = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            jobsByHost.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            jobsByHost.get(i % hosts).add((long) (arrivals.nextDouble() * window * 1e9));
        }
        try (ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int h = 0; h < hosts; h++) {
                TokenSource client = clients.get(h % pool);
                TokenSource counted = () -> {
                    calls.incrementAndGet();
                    return client.fetch();
                };
                TokenSource runner = switch (mode) {
                    case "before" -> counted;
                    case "after" -> RetryingTokenSource.of(counted, TokenBackoff.defaults());
                    case "reuse" -> new CachedTokenSource(scratch.resolve("host-" + h + ".json"),
                            "us-east-1/bench", RetryingTokenSource.of(counted, TokenBackoff.defaults()),
                            Clock.systemUTC());
                    default -> throw new IllegalArgumentException("mode: before|after|reuse");
                };
                List<Long> jobs = jobsByHost.get(h);
                Collections.sort(jobs);
                runners.submit(() -> {
                    for (long at : jobs) {
                        sleepUntil(start + at);
                        long asked = System.nanoTime();
                        try {
                            runner.fetch();
                            latencies.add((System.nanoTime() - asked) / 1e9);
                        } catch (TokenFetchException | RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.println(String.format(Locale.ROOT,
                "{\"mode\":\"%s\",\"runners\":%d,\"window_s\":%.0f,\"hosts\":%d,\"got_token\":%.4f,\"failed_open\":%d,"
                        + "\"p50_s\":%.2f,\"p95_s\":%.2f,\"max_s\":%.2f,\"calls\":%d,\"calls_per_runner\":%.2f,"
                        + "\"throttled\":%d,\"wall_s\":%.1f}",
                mode, n, window, hosts, sorted.size() / (double) n, failed.get(), pct(sorted, 0.5),
                pct(sorted, 0.95), pct(sorted, 1.0), calls.get(), calls.get() / (double) n, standIn.throttledCalls(),
                (System.nanoTime() - start) / 1e9));
        standIn.close();
        System.exit(0);
    }

    /** What hook start did before: one SDK call with the SDK's default retry strategy. */
    private static TokenSource sdkDefaults() {
        EcrClient ecr = EcrClient.builder().region(Region.of(EcrTokenStandIn.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        EcrTokenStandIn.ACCESS_KEY_ID, EcrTokenStandIn.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
        return () -> {
            try {
                var d = ecr.getAuthorizationToken().authorizationData().get(0);
                return new EcrToken(d.authorizationToken(), d.expiresAt(), java.time.Instant.now());
            } catch (RuntimeException e) {
                throw new TokenFetchException(e.getMessage(), e);
            }
        };
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static double pct(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.round(q * (sorted.size() - 1)));
    }
}
