package dev.pullthrough.hook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the mirror did for one upstream ({@code ghcr.io}, ...), for {@code hook status}: requests routed to it, how
 * many ECR answered (2xx, 304, or a redirect to the blob's storage), and how many failed (ECR answered an error or
 * could not be reached). A request for an upstream without a rule is counted under {@code refused}, not here.
 */
public final class UpstreamCounters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong servedFromEcr = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    /** Counts the registry's answer to one request. */
    void answered(int status) {
        if (status < 400) {
            servedFromEcr.incrementAndGet();
        } else {
            errors.incrementAndGet();
        }
    }

    public long requests() {
        return requests.get();
    }

    public long servedFromEcr() {
        return servedFromEcr.get();
    }

    public long errors() {
        return errors.get();
    }

    /** A snapshot in a stable key order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests", requests.get());
        m.put("servedFromEcr", servedFromEcr.get());
        m.put("errors", errors.get());
        return m;
    }
}
