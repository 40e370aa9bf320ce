package dev.pullthrough.module;

import java.util.List;
import java.util.Objects;

/**
 * A {@code check} block: a warning that does not stop a plan, for settings AWS accepts but that deserve a second
 * look (a ROOT rule granting {@code repository/*}).
 */
public record Check(String name, List<Validation> asserts) {
    public Check {
        Objects.requireNonNull(name, "name");
        asserts = List.copyOf(asserts);
    }

    public Block toBlock() {
        Block.Builder b = Block.of("check", name);
        for (Validation v : asserts) {
            b.block(v.toBlock("assert"));
        }
        return b.build();
    }
}
