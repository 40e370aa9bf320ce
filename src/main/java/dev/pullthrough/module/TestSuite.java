package dev.pullthrough.module;

import java.util.List;
import java.util.Objects;

/** A {@code terraform test} file ({@code tests/<name>.tftest.hcl}): its blocks, rendered by the HCL renderer. */
public record TestSuite(String name, String comment, List<Block> blocks) {
    public TestSuite {
        Objects.requireNonNull(name, "name");
        blocks = List.copyOf(blocks);
    }

    public String fileName() {
        return name + ".tftest.hcl";
    }
}
