package dev.pullthrough.cli.images;

/** A file that may hold image references but could not be read or parsed; reported, never silently dropped. */
public record SkippedFile(String file, String reason) {
}
