package dev.pullthrough.testing.terraform;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Harness stages a developer may skip while iterating, each with its {@code PT_SKIP_<STAGE>} variable (value
 * {@code 1}, {@code true} or {@code yes}). Plan and show are never skippable: the assertions need them.
 * <ul>
 *   <li>{@code PT_SKIP_CLEANUP}: keep the work dir (stable path {@code <work root>/<label>}, printed) for inspection;
 *       the next run re-uses it, keeping {@code .terraform/}, the lock file and the state.</li>
 *   <li>{@code PT_SKIP_INIT}: skip {@code terraform init} when the work dir has been initialised before (needs
 *       PT_SKIP_CLEANUP on the earlier run); a fresh work dir is still initialised.</li>
 *   <li>{@code PT_SKIP_VALIDATE}: skip {@code terraform validate}.</li>
 *   <li>{@code PT_SKIP_DESTROY}: leave applied state alone at teardown; implies PT_SKIP_CLEANUP so the state
 *       survives.</li>
 * </ul>
 */
public enum Stage {
    INIT, VALIDATE, DESTROY, CLEANUP;

    public String envVar() {
        return "PT_SKIP_" + name();
    }

    /** The stages the environment asks to skip. */
    public static Set<Stage> skippedBy(Map<String, String> env) {
        Set<Stage> skipped = EnumSet.noneOf(Stage.class);
        for (Stage stage : values()) {
            String value = env.getOrDefault(stage.envVar(), "").trim().toLowerCase(Locale.ROOT);
            if (value.equals("1") || value.equals("true") || value.equals("yes")) {
                skipped.add(stage);
            }
        }
        if (skipped.contains(DESTROY)) {
            skipped.add(CLEANUP);
        }
        return skipped;
    }
}
