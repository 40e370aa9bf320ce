package dev.pullthrough.cli.images;

import java.util.List;

/** Everything a walk found: the references in file order, how many files were read, and the ones skipped. */
public record ScanResult(List<FoundImage> found, int filesScanned, List<SkippedFile> skipped) {
    public ScanResult {
        found = List.copyOf(found);
        skipped = List.copyOf(skipped);
    }
}
