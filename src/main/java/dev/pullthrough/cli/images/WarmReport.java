package dev.pullthrough.cli.images;

import java.util.List;

/** What {@code --warm} did: one outcome per distinct covered image, in report order, and where it went. */
public record WarmReport(String through, List<WarmOutcome> outcomes) {
    public WarmReport {
        outcomes = List.copyOf(outcomes);
    }

    public long count(WarmOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
