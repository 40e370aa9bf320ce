package dev.pullthrough.cli.images;

import dev.pullthrough.model.ImageUpstream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The result of {@code pullthrough images}: every reference, files read and skipped, and the counts. */
public record ImagesReport(List<ImageRow> rows, int filesScanned, List<SkippedFile> skipped, Optional<String> registry) {
    public ImagesReport {
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
    }

    public long count(Coverage coverage) {
        return rows.stream().filter(r -> r.coverage() == coverage).count();
    }

    public long filesWithReferences() {
        return rows.stream().map(r -> r.found().file()).distinct().count();
    }

    /** Uncovered references grouped by registry, most frequent first, then by name. */
    public List<UncoveredGroup> uncoveredByRegistry() {
        Map<String, Long> counts = rows.stream().filter(r -> r.coverage() == Coverage.UNCOVERED)
                .collect(Collectors.groupingBy(r -> r.image().orElseThrow().registry(), TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new UncoveredGroup(e.getKey(), e.getValue().intValue(), ImageUpstream.suggestedRule(e.getKey())))
                .toList();
    }
}
