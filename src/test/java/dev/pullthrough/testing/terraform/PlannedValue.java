package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;

/**
 * A value from a plan: what is known now, plus terraform's "unknown after apply" mask for it ({@code true} for the
 * whole value, or an object/array marking unknown parts). Navigating with {@link #get(String)} / {@link #get(int)}
 * keeps value and mask in step, so {@code output("runner_environment").get("RUNS_ON_...")} knows whether that one key
 * is known even when other keys are not.
 *
 * @param path where the value came from, for messages (e.g. {@code output.registry_host})
 */
public record PlannedValue(String path, JsonNode value, JsonNode unknownMask, boolean sensitive) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PlannedValue {
        value = value == null ? MissingNode.getInstance() : value;
        unknownMask = unknownMask == null ? BooleanNode.FALSE : unknownMask;
    }

    /** The whole value is unknown until apply (e.g. an ARN assigned by AWS). */
    public boolean isUnknown() {
        return unknownMask.isBoolean() && unknownMask.booleanValue();
    }

    /** Every part is known at plan time. */
    public boolean isFullyKnown() {
        return !containsTrue(unknownMask);
    }

    /** Known and null (or absent), e.g. an output of a toggled-off module that is null-safe. */
    public boolean isNull() {
        return !isUnknown() && (value.isNull() || value.isMissingNode());
    }

    public PlannedValue get(String key) {
        return new PlannedValue(path + "." + key, value.path(key), unknownMask.path(key), sensitive);
    }

    public PlannedValue get(int index) {
        return new PlannedValue(path + "[" + index + "]", value.path(index), unknownMask.path(index), sensitive);
    }

    /** Dotted path with numeric segments as indexes: {@code "statement.0.actions"}. */
    public PlannedValue at(String dottedPath) {
        PlannedValue current = this;
        for (String segment : dottedPath.split("\\.")) {
            current = segment.matches("\\d+") && current.value.isArray()
                    ? current.get(Integer.parseInt(segment)) : current.get(segment);
        }
        return current;
    }

    /** The known JSON value; fails when it is unknown or has unknown parts. */
    public JsonNode json() {
        if (!isFullyKnown()) {
            throw new AssertionError(path + " is not known until apply (unknown parts: " + unknownMask + ")");
        }
        return value.isMissingNode() ? NullNode.getInstance() : value;
    }

    public String text() {
        JsonNode node = json();
        if (!node.isTextual()) {
            throw new AssertionError(path + " is not a string: " + node);
        }
        return node.textValue();
    }

    /** A string value holding JSON (policies, {@code jsonencode()} results), parsed. */
    public JsonNode parsedJson() {
        String text = text();
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(path + " is not a JSON document: " + e.getMessage() + "\n" + text, e);
        }
    }

    private static boolean containsTrue(JsonNode mask) {
        if (mask.isBoolean()) {
            return mask.booleanValue();
        }
        for (JsonNode child : mask) {
            if (containsTrue(child)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return path + " = " + (sensitive ? "(sensitive)" : isUnknown() ? "(known after apply)" : value.toString());
    }
}
