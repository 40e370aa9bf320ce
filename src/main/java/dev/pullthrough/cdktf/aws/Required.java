package dev.pullthrough.cdktf.aws;

/** Fails at build() time, naming the resource and argument, instead of letting Terraform reject the plan later. */
final class Required {
    private Required() {
    }

    static void check(String terraformType, String id, String argument, Object value) {
        if (value == null || value instanceof String s && s.isBlank() || value instanceof java.util.List<?> l && l.isEmpty()) {
            throw new IllegalArgumentException(
                    terraformType + " \"" + id + "\": required argument " + argument + " is not set");
        }
    }
}
