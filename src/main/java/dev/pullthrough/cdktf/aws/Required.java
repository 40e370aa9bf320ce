package dev.pullthrough.cdktf.aws;

import java.util.List;

/** Fails at build() time, naming the resource and argument, instead of letting Terraform reject the plan later. */
final class Required {
    private Required() {
    }

    /** {@code where} names the resource ({@code aws_iam_policy "runner"}) or the block within one. */
    static void check(String where, String argument, Object value) {
        if (value == null || value instanceof String s && s.isBlank() || value instanceof List<?> l && l.isEmpty()) {
            throw new IllegalArgumentException(where + ": required argument " + argument + " is not set");
        }
    }
}
