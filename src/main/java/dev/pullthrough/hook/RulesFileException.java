package dev.pullthrough.hook;

import java.nio.file.Path;

/** A rules file that cannot be read as an {@code ecr_pull_through_cache_rules} map. */
public final class RulesFileException extends Exception {
    RulesFileException(Path file, String reason) {
        super(file + ": " + reason);
    }
}
