package dev.pullthrough.testing.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A small IAM evaluator for the policies this project writes, following AWS's documented logic for a request from one
 * account to a resource in another: it is allowed only when the caller's identity policy allows it AND a resource
 * policy of the owning account allows the caller (no explicit Deny is ever written here, so none is modelled). Within
 * one account an identity policy alone is enough.
 *
 * <p>Understands what our policies use: Allow statements, {@code Action}/{@code Resource} with {@code *} wildcards,
 * {@code Principal.AWS} as {@code *}, an account id or an account root ARN, and the conditions
 * {@code StringEquals} on {@code aws:PrincipalOrgID} and {@code ForAnyValue:StringLike} on
 * {@code aws:PrincipalOrgPaths}. Anything else in a policy fails the evaluation loudly rather than being ignored.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html">IAM:
 *     cross-account policy evaluation logic</a>
 */
public final class PolicyEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who is calling: the account of the caller's role and that account's place in AWS Organizations. */
    public record Caller(String accountId, Optional<String> organizationId, List<String> organizationPaths) {
        public static Caller outsideAnyOrganization(String accountId) {
            return new Caller(accountId, Optional.empty(), List.of());
        }
    }

    private PolicyEvaluator() {
    }

    /** Whether an identity policy allows {@code action} on {@code resource}. */
    public static boolean identityAllows(String identityPolicy, String action, String resource) {
        for (JsonNode s : statements(identityPolicy)) {
            requireAllow(s);
            if (s.has("Condition") || s.has("Principal")) {
                throw new IllegalArgumentException("identity statement with Condition/Principal: " + s);
            }
            if (matchesAny(values(s.get("Action")), action) && matchesAny(values(s.get("Resource")), resource)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a resource policy allows {@code caller} to do {@code action} on {@code resource}. A statement without a
     * Resource element (a repository policy) applies to the repository it is attached to, i.e. to any resource asked.
     */
    public static boolean resourceAllows(String resourcePolicy, Caller caller, String action, String resource) {
        for (JsonNode s : statements(resourcePolicy)) {
            requireAllow(s);
            boolean resourceMatches = !s.has("Resource") || matchesAny(values(s.get("Resource")), resource);
            if (matchesAny(values(s.get("Action")), action) && resourceMatches && principalMatches(s, caller)
                    && conditionHolds(s.get("Condition"), caller)) {
                return true;
            }
        }
        return false;
    }

    /** The cross-account decision: both sides must allow. */
    public static boolean crossAccountAllows(String identityPolicy, String resourcePolicy, Caller caller,
            String action, String resource) {
        return identityAllows(identityPolicy, action, resource)
                && resourceAllows(resourcePolicy, caller, action, resource);
    }

    private static boolean principalMatches(JsonNode statement, Caller caller) {
        for (String p : values(statement.path("Principal").get("AWS"))) {
            if (p.equals("*") || p.equals(caller.accountId())
                    || p.matches("arn:[a-z-]+:iam::" + Pattern.quote(caller.accountId()) + ":root")) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionHolds(JsonNode condition, Caller caller) {
        if (condition == null) {
            return true;
        }
        boolean all = true;
        var operators = condition.fields();
        while (operators.hasNext()) {
            var op = operators.next();
            var keys = op.getValue().fields();
            while (keys.hasNext()) {
                var key = keys.next();
                List<String> wanted = values(key.getValue());
                all &= switch (op.getKey() + " " + key.getKey()) {
                    case "StringEquals aws:PrincipalOrgID" ->
                            caller.organizationId().map(wanted::contains).orElse(false);
                    case "ForAnyValue:StringLike aws:PrincipalOrgPaths" ->
                            caller.organizationPaths().stream().anyMatch(path -> matchesAny(wanted, path));
                    default -> throw new IllegalArgumentException("condition not modelled: " + op.getKey() + " "
                            + key.getKey());
                };
            }
        }
        return all;
    }

    private static void requireAllow(JsonNode statement) {
        if (!"Allow".equals(statement.path("Effect").asText())) {
            throw new IllegalArgumentException("only Allow statements are modelled: " + statement);
        }
    }

    private static boolean matchesAny(List<String> patterns, String value) {
        return patterns.stream().anyMatch(p -> glob(p).matcher(value).matches());
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} one character; case-sensitive like ARNs. */
    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(re.toString());
    }

    private static List<JsonNode> statements(String policy) {
        try {
            JsonNode raw = JSON.readTree(policy).path("Statement");
            List<JsonNode> out = new ArrayList<>();
            if (raw.isArray()) {
                raw.forEach(out::add);
            } else {
                out.add(raw);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a policy document: " + policy, e);
        }
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
