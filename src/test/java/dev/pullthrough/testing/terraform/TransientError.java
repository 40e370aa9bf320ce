package dev.pullthrough.testing.terraform;

import java.util.Objects;
import java.util.regex.Pattern;

/** An error known to go away on retry: the regex that recognises it in terraform's output, and why it is transient. */
public record TransientError(Pattern pattern, String reason) {
    public TransientError {
        Objects.requireNonNull(pattern, "pattern");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a transient error needs a reason, pattern " + pattern);
        }
    }

    public static TransientError of(String regex, String reason) {
        return new TransientError(Pattern.compile(regex), reason);
    }

    public boolean matches(String output) {
        return pattern.matcher(output).find();
    }

    @Override
    public String toString() {
        return "/" + pattern.pattern() + "/ (" + reason + ")";
    }
}
