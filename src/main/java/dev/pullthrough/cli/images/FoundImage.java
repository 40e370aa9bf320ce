package dev.pullthrough.cli.images;

import java.util.Optional;

/**
 * One image reference as a file writes it, before it is matched against the rules.
 *
 * @param file path as given on the command line or found under it
 * @param line 1-based line of the reference
 * @param kind the kind of file
 * @param where the construct that names the image: {@code FROM}, {@code COPY --from}, {@code jobs.test.container}
 * @param written the text as written, before any substitution
 * @param expansion the text with variables substituted, or why that is impossible
 * @param platform a Dockerfile {@code FROM --platform} value, when given
 */
public record FoundImage(String file, int line, SourceKind kind, String where, String written, Expansion expansion,
                         Optional<String> platform) {
    public static FoundImage of(String file, int line, SourceKind kind, String where, String written, Expansion expansion) {
        return new FoundImage(file, line, kind, where, written, expansion, Optional.empty());
    }
}
