package dev.pullthrough.cli.images;

import dev.pullthrough.model.ImageReference;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Warms the cache: for each distinct covered image, asks the cache whether it holds it ({@link CacheContents}), and
 * if not fetches its manifests through the cache (all platforms of an index), so the first job that pulls it does not
 * wait for the upstream. Images go through the hook's mirror when one is given and mirrors their upstream, else to the
 * cache registry itself with the ECR token. At most {@code concurrency} images are in flight; one progress line per
 * image as it completes.
 */
public final class CacheWarmer {
    /** How requests reach the cache. */
    public record Route(Optional<String> mirrorUrl, String registryUrl, AuthorizationSource authorization) {
    }

    /** The {@code Authorization} header for the cache registry, fetched once on first need. */
    @FunctionalInterface
    public interface AuthorizationSource {
        String header() throws Exception;
    }

    private final Route route;
    private final CacheContents contents;
    private final int concurrency;
    private final Consumer<String> progress;
    private final ManifestFetcher fetcher;
    private String authorization;
    private String authorizationError;

    public CacheWarmer(Route route, CacheContents contents, int concurrency, Consumer<String> progress) {
        this.route = route;
        this.contents = contents;
        this.concurrency = concurrency;
        this.progress = progress;
        this.fetcher = new ManifestFetcher(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public WarmReport warm(List<ImageRow> rows) throws InterruptedException {
        Map<String, ImageRow> distinct = new LinkedHashMap<>();
        for (ImageRow row : rows) {
            if (row.coverage() == Coverage.COVERED) {
                distinct.putIfAbsent(row.mirrorReference().orElseThrow(), row);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, Math.max(1, distinct.size()))));
        AtomicInteger done = new AtomicInteger();
        int total = distinct.size();
        try {
            List<Future<WarmOutcome>> futures = new ArrayList<>();
            for (ImageRow row : distinct.values()) {
                futures.add(pool.submit(() -> {
                    WarmOutcome outcome = warmOne(row);
                    progress.accept("warm [" + done.incrementAndGet() + "/" + total + "] " + outcome.status().id() + " "
                            + outcome.image() + outcome.error().map(e -> ": " + e)
                            .orElse(outcome.status() == WarmOutcome.Status.FETCHED ? " (" + outcome.manifests()
                                    + " manifest" + (outcome.manifests() == 1 ? "" : "s") + ")" : ""));
                    return outcome;
                }));
            }
            List<WarmOutcome> outcomes = new ArrayList<>();
            for (Future<WarmOutcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("warming failed unexpectedly", e.getCause());
                }
            }
            return new WarmReport(route.mirrorUrl().orElse(route.registryUrl()), outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    private WarmOutcome warmOne(ImageRow row) throws InterruptedException {
        ImageReference image = row.image().orElseThrow();
        String mirrorRef = row.mirrorReference().orElseThrow();
        ImageReference cached = ImageReference.parse(mirrorRef);
        String reference = image.digest().orElse(image.tag().orElse("latest"));
        Optional<Boolean> holds = contents.holds(cached.repository(), reference);
        if (holds.orElse(false)) {
            return new WarmOutcome(image.toString(), mirrorRef, WarmOutcome.Status.CACHED, 0, Optional.empty());
        }
        boolean viaMirror = route.mirrorUrl().isPresent() && row.reach().map(r -> r.containerd()).orElse(false);
        ManifestFetcher.Target target;
        if (viaMirror) {
            // The hook's mirror adds the token and the rule's prefix; ns names the upstream, as containerd sends it.
            target = new ManifestFetcher.Target(route.mirrorUrl().get(), image.repository(), "?ns=" + image.registry(),
                    Optional.empty());
        } else {
            Optional<String> auth = authorization();
            if (auth.isEmpty()) {
                return WarmOutcome.failed(image.toString(), mirrorRef, 0, authorizationError);
            }
            target = new ManifestFetcher.Target(route.registryUrl(), cached.repository(), "", auth);
        }
        try {
            int manifests = fetcher.fetch(target, reference);
            return new WarmOutcome(image.toString(), mirrorRef, WarmOutcome.Status.FETCHED, manifests, Optional.empty());
        } catch (ManifestFetcher.FetchException e) {
            return WarmOutcome.failed(image.toString(), mirrorRef, e.manifests(), e.getMessage());
        }
    }

    private synchronized Optional<String> authorization() {
        if (authorization == null && authorizationError == null) {
            try {
                authorization = route.authorization().header();
            } catch (Exception e) {
                authorizationError = e.getMessage();
            }
        }
        return Optional.ofNullable(authorization);
    }
}
