package dev.pullthrough.module;

import java.util.List;

/** The modules of ARCHITECTURE.md's "Generated modules" table, with exactly those names. */
public final class Modules {
    private Modules() {
    }

    public static List<ModuleDefinition> all() {
        return List.of(EcrPullThroughCacheModule.definition(), EcrPullThroughAccessModule.definition(),
                RunnerEcrPullThroughModule.definition(), EcrPrivateEndpointsModule.definition());
    }
}
