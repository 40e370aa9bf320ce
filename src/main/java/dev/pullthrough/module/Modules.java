package dev.pullthrough.module;

import java.util.List;

/** The modules of docs/ARCHITECTURE.md's "Contract: generated modules" table, with exactly those names. */
public final class Modules {
    private Modules() {
    }

    public static List<ModuleDefinition> all() {
        return List.of(EcrPullThroughCacheModule.definition(), EcrPullThroughAccessModule.definition(),
                RunnerEcrPullThroughModule.definition(), EcrPrivateEndpointsModule.definition());
    }
}
