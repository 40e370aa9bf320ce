package dev.pullthrough.module;

import java.util.Objects;

/**
 * A {@code validation} block of a variable, or an {@code assert}/{@code precondition} elsewhere: a condition and the
 * message shown when it is false. {@code summary} is the one-line rule the README lists.
 */
public record Validation(Expression condition, Expression errorMessage, String summary) {
    public Validation {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(summary, "summary");
    }

    public Block toBlock() {
        return toBlock("validation");
    }

    /** The same condition as another block type: {@code assert} in a check, {@code precondition} in a lifecycle. */
    public Block toBlock(String type) {
        return Block.of(type)
                .attr("condition", condition)
                .attr("error_message", errorMessage)
                .build();
    }
}
