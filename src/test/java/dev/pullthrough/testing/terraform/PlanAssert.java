package dev.pullthrough.testing.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Fluent assertions on a {@link TerraformPlan} that fail with {@link AssertionError}s naming the workspace, the
 * context (e.g. the input set) and what the plan has instead. Plain Java, usable from any test framework.
 */
public final class PlanAssert {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TerraformPlan plan;
    private final String context;

    private PlanAssert(TerraformPlan plan, String context) {
        this.plan = plan;
        this.context = context;
    }

    public static PlanAssert assertThat(TerraformPlan plan) {
        return new PlanAssert(plan, plan.label());
    }

    /** Adds context to every message, e.g. {@code as("input set 'root-rule'")}. */
    public PlanAssert as(String description) {
        return new PlanAssert(plan, plan.label() + ", " + description);
    }

    /** The managed resources that would change are exactly these (order irrelevant). */
    public PlanAssert hasExactlyResources(String... addresses) {
        TreeSet<String> expected = new TreeSet<>(Arrays.asList(addresses));
        TreeSet<String> actual = new TreeSet<>(plan.resourceAddresses());
        if (!expected.equals(actual)) {
            TreeSet<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            TreeSet<String> unexpected = new TreeSet<>(actual);
            unexpected.removeAll(expected);
            throw fail("planned resources differ; missing " + missing + ", unexpected " + unexpected
                    + "; planned " + actual);
        }
        return this;
    }

    public PlanAssert hasResource(String address) {
        PlannedResource r = plan.findResource(address).orElse(null);
        if (r == null || !r.changes()) {
            throw fail("no planned change for " + address + "; planned " + plan.resourceAddresses());
        }
        return this;
    }

    /** Nothing managed would be created or changed (e.g. {@code create = false}). */
    public PlanAssert hasNoChanges() {
        if (!plan.isEmpty()) {
            throw fail("expected an empty plan, but it would change " + plan.resourceAddresses());
        }
        return this;
    }

    public PlanAssert allActionsAre(ChangeAction action) {
        List<String> others = new ArrayList<>();
        for (PlannedResource r : plan.managedChanges()) {
            if (!r.actions().equals(List.of(action))) {
                others.add(r.address() + " " + r.actions());
            }
        }
        if (!others.isEmpty()) {
            throw fail("expected only " + action + ", got " + others);
        }
        return this;
    }

    /** The attribute is known at plan time and equals {@code expected} (a String, number, List, Map or JsonNode). */
    public PlanAssert attributeEquals(String address, String path, Object expected) {
        return valueEquals(plan.resource(address).attribute(path), expected);
    }

    public PlanAssert attributeUnknownAfterApply(String address, String path) {
        return unknown(plan.resource(address).attribute(path));
    }

    public PlanAssert outputEquals(String name, Object expected) {
        return valueEquals(plan.output(name), expected);
    }

    /** The output is known only after apply (e.g. an ARN AWS assigns). */
    public PlanAssert outputUnknownAfterApply(String name) {
        return unknown(plan.output(name));
    }

    /** The output is known to be null: what a null-safe output gives when its toggle is off. */
    public PlanAssert outputIsNull(String name) {
        PlannedValue v = plan.output(name);
        if (!v.isNull()) {
            throw fail(v.path() + " should be null, is " + v);
        }
        return this;
    }

    /** A {@code check} block (address contains {@code checkName}) reported a failure containing {@code message}. */
    public PlanAssert checkWarns(String checkName, String messagePart) {
        List<TerraformPlan.CheckResult> matching = plan.checks().stream()
                .filter(c -> c.address().contains(checkName)).toList();
        boolean warned = matching.stream().anyMatch(c -> c.status().equals("fail")
                && c.problems().stream().anyMatch(p -> p.contains(messagePart)));
        if (!warned) {
            throw fail("expected check " + checkName + " to warn with \"" + messagePart + "\"; checks: " + plan.checks());
        }
        return this;
    }

    public PlanAssert checkPasses(String checkName) {
        List<TerraformPlan.CheckResult> matching = plan.checks().stream()
                .filter(c -> c.address().contains(checkName)).toList();
        if (matching.isEmpty() || matching.stream().anyMatch(c -> !c.status().equals("pass"))) {
            throw fail("expected check " + checkName + " to pass; checks: " + plan.checks());
        }
        return this;
    }

    private PlanAssert valueEquals(PlannedValue value, Object expected) {
        if (!value.isFullyKnown()) {
            throw fail(value.path() + " is not known at plan time (" + value.unknownMask() + "); expected " + expected);
        }
        JsonNode want = expected instanceof JsonNode n ? n : JSON.valueToTree(expected);
        JsonNode got = value.json();
        if (!want.equals(got)) {
            throw fail(value.path() + "\n  expected: " + want + "\n  actual:   " + got);
        }
        return this;
    }

    private PlanAssert unknown(PlannedValue value) {
        if (!value.isUnknown()) {
            throw fail(value.path() + " should be unknown until apply, but the plan knows it: " + value);
        }
        return this;
    }

    private AssertionError fail(String message) {
        return new AssertionError("[" + context + "] " + message);
    }
}
