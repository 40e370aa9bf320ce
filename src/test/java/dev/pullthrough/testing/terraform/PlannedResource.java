package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One entry of the plan's {@code resource_changes}.
 *
 * @param address       full address, e.g. {@code module.cache.aws_ecr_pull_through_cache_rule.this["docker_hub"]}
 * @param moduleAddress the module part ({@code module.cache}), empty for the root module
 * @param mode          {@code managed} or {@code data}
 */
public record PlannedResource(String address, String moduleAddress, String mode, String type, String name,
                              List<ChangeAction> actions, JsonNode after, JsonNode afterUnknown,
                              JsonNode afterSensitive) {
    public PlannedResource {
        actions = List.copyOf(actions);
    }

    public boolean isManaged() {
        return "managed".equals(mode);
    }

    /** Would change something (anything other than no-op). */
    public boolean changes() {
        return !actions.equals(List.of(ChangeAction.NO_OP));
    }

    /** The planned attribute at a dotted path ({@code "rule.0.description"}), with its unknown-after-apply mask. */
    public PlannedValue attribute(String dottedPath) {
        return new PlannedValue(address, after, afterUnknown, false).at(dottedPath);
    }

    /** All planned attributes as one value. */
    public PlannedValue values() {
        return new PlannedValue(address, after, afterUnknown, false);
    }
}
