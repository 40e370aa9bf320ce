package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parsed {@code terraform output -json} after an apply. Never printed whole: outputs can be sensitive. */
public final class TerraformOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String label;
    private final JsonNode root;

    private TerraformOutputs(String label, JsonNode root) {
        this.label = label;
        this.root = root;
    }

    public static TerraformOutputs parse(String label, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            return new TerraformOutputs(label, root == null ? JSON.createObjectNode() : root);
        } catch (IOException e) {
            throw new IllegalArgumentException("[" + label + "] `terraform output -json` did not print JSON", e);
        }
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    public JsonNode value(String name) {
        JsonNode output = root.path(name);
        if (output.isMissingNode()) {
            throw new AssertionError("[" + label + "] no output " + name + "; outputs: " + names());
        }
        return output.path("value");
    }

    /**
     * The output's value, or empty when it is null: {@code terraform output -json} leaves null outputs out
     * altogether, so "absent" is how a null-safe output of a toggled-off module shows after apply.
     */
    public java.util.Optional<JsonNode> find(String name) {
        JsonNode value = root.path(name).path("value");
        return value.isMissingNode() || value.isNull() ? java.util.Optional.empty() : java.util.Optional.of(value);
    }

    public String string(String name) {
        return value(name).asText();
    }

    public boolean isSensitive(String name) {
        return root.path(name).path("sensitive").asBoolean(false);
    }

    @Override
    public String toString() {
        return "TerraformOutputs[" + label + ", " + names() + "]";
    }
}
