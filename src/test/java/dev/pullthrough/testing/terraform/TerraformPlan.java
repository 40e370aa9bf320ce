package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed {@code terraform show -json <planfile>} (format 1.x): resource changes, outputs with their
 * unknown-after-apply marks, data sources read while planning, check results and the input variables.
 * Look-ups that miss throw {@link AssertionError}s listing what the plan does have.
 */
public final class TerraformPlan {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String label;
    private final JsonNode root;
    private final List<PlannedResource> changes;

    private TerraformPlan(String label, JsonNode root) {
        this.label = label;
        this.root = root;
        List<PlannedResource> list = new ArrayList<>();
        for (JsonNode rc : root.path("resource_changes")) {
            List<ChangeAction> actions = new ArrayList<>();
            rc.path("change").path("actions").forEach(a -> actions.add(ChangeAction.fromJson(a.asText())));
            list.add(new PlannedResource(rc.path("address").asText(), rc.path("module_address").asText(""),
                    rc.path("mode").asText(), rc.path("type").asText(), rc.path("name").asText(), actions,
                    rc.path("change").path("after"), rc.path("change").path("after_unknown"),
                    rc.path("change").path("after_sensitive")));
        }
        list.sort(Comparator.comparing(PlannedResource::address));
        this.changes = List.copyOf(list);
    }

    public static TerraformPlan parse(String label, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.has("format_version")) {
                throw new IllegalArgumentException("[" + label + "] not a terraform JSON plan (no format_version)");
            }
            return new TerraformPlan(label, root);
        } catch (IOException e) {
            throw new IllegalArgumentException("[" + label + "] plan JSON does not parse: " + e.getMessage(), e);
        }
    }

    public static TerraformPlan read(String label, Path file) {
        try {
            return parse(label, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String label() {
        return label;
    }

    /** The whole document, for checks the typed view does not cover. */
    public JsonNode raw() {
        return root;
    }

    /** Every resource change, data reads included, sorted by address. */
    public List<PlannedResource> resourceChanges() {
        return changes;
    }

    /** Managed resources that would change, sorted by address. */
    public List<PlannedResource> managedChanges() {
        return changes.stream().filter(PlannedResource::isManaged).filter(PlannedResource::changes).toList();
    }

    /** Addresses of {@link #managedChanges()}. */
    public List<String> resourceAddresses() {
        return managedChanges().stream().map(PlannedResource::address).toList();
    }

    /** Nothing managed would be created, changed or destroyed (a toggled-off module's plan). */
    public boolean isEmpty() {
        return managedChanges().isEmpty();
    }

    public Optional<PlannedResource> findResource(String address) {
        return changes.stream().filter(r -> r.address().equals(address)).findFirst();
    }

    public PlannedResource resource(String address) {
        return findResource(address).orElseThrow(() -> new AssertionError("[" + label + "] plan has no resource "
                + address + "; it has " + changes.stream().map(PlannedResource::address).toList()));
    }

    public List<PlannedResource> resourcesOfType(String type) {
        return managedChanges().stream().filter(r -> r.type().equals(type)).toList();
    }

    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        root.path("output_changes").fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    public boolean hasOutput(String name) {
        return root.path("output_changes").has(name);
    }

    /** A root output as planned: known value, or unknown (wholly or partly) until apply. */
    public PlannedValue output(String name) {
        JsonNode change = root.path("output_changes").path(name);
        if (change.isMissingNode()) {
            throw new AssertionError("[" + label + "] plan has no output " + name + "; it has " + outputNames());
        }
        return new PlannedValue("output." + name, change.path("after"), change.path("after_unknown"),
                change.path("after_sensitive").asBoolean(false));
    }

    /** Input variable values as terraform saw them. */
    public Map<String, JsonNode> variables() {
        Map<String, JsonNode> vars = new TreeMap<>();
        root.path("variables").fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().path("value")));
        return vars;
    }

    /** A data source read while planning (recorded in prior_state), e.g. an aws_iam_policy_document. */
    public PlannedValue readDataSource(String address) {
        List<String> seen = new ArrayList<>();
        Optional<JsonNode> found = findInModule(root.path("prior_state").path("values").path("root_module"),
                address, seen);
        return found.map(r -> new PlannedValue(address, r.path("values"), null, false))
                .orElseThrow(() -> new AssertionError("[" + label + "] no data source " + address
                        + " was read while planning; read: " + seen));
    }

    private static Optional<JsonNode> findInModule(JsonNode module, String address, List<String> seen) {
        for (JsonNode r : module.path("resources")) {
            seen.add(r.path("address").asText());
            if (r.path("address").asText().equals(address)) {
                return Optional.of(r);
            }
        }
        for (JsonNode child : module.path("child_modules")) {
            Optional<JsonNode> found = findInModule(child, address, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** One {@code check} block or validation condition result from the plan's {@code checks}. */
    public record CheckResult(String address, String kind, String status, List<String> problems) {
    }

    public List<CheckResult> checks() {
        List<CheckResult> results = new ArrayList<>();
        for (JsonNode check : root.path("checks")) {
            String kind = check.path("address").path("kind").asText();
            for (JsonNode instance : check.path("instances")) {
                List<String> problems = new ArrayList<>();
                instance.path("problems").forEach(p -> problems.add(p.path("message").asText()));
                results.add(new CheckResult(instance.path("address").path("to_display").asText(), kind,
                        instance.path("status").asText(), problems));
            }
            if (check.path("instances").isEmpty()) {
                results.add(new CheckResult(check.path("address").path("to_display").asText(), kind,
                        check.path("status").asText(), List.of()));
            }
        }
        results.sort(Comparator.comparing(CheckResult::address));
        return results;
    }

    @Override
    public String toString() {
        return "TerraformPlan[" + label + ", " + resourceAddresses() + "]";
    }
}
