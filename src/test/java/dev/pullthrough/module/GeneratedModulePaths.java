package dev.pullthrough.module;

import java.util.List;

/**
 * Where {@code pullthrough synth} puts each generated module, relative to the project root: one folder per form,
 * {@code modules-out/hcl/<name>} and {@code modules-out/json/<name>}. The one place the consumer-view tests learn the
 * layout from.
 */
final class GeneratedModulePaths {
    static final String CACHE = "ecr-pull-through-cache";
    static final String ACCESS = "ecr-pull-through-access";
    static final String RUNNER = "runner-ecr-pull-through";
    static final String ENDPOINTS = "ecr-private-endpoints";
    static final List<String> FORMS = List.of("hcl", "json");

    private GeneratedModulePaths() {
    }

    static String path(String form, String module) {
        return "modules-out/" + form + "/" + module;
    }

    /** The module source as written in a configuration two folders below the project root (examples/x, scratch/x). */
    static String sourceFromTwoDeep(String form, String module) {
        return "../../" + path(form, module);
    }
}
