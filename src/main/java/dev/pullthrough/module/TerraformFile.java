package dev.pullthrough.module;

import java.util.List;
import java.util.Objects;

/**
 * One file of a module: its base name without extension ({@code main}, {@code variables}) and its top-level blocks.
 * The renderers add {@code .tf} or {@code .tf.json}.
 */
public record TerraformFile(String baseName, List<Block> blocks) {
    public TerraformFile {
        Objects.requireNonNull(baseName, "baseName");
        blocks = List.copyOf(blocks);
    }
}
